"""observatory.aggregates: rates and means published only from 5 establishments."""

from mutualis.observatory.aggregates import Row, editor_shares, group, summarize


def row(**values) -> Row:
    defaults = {
        "region": "84",
        "departement": "01",
        "sector": "pa",
        "category": "500",
        "size_class": "small",
        "dui_status": None,
        "segur": None,
        "editor": None,
        "score": None,
    }
    return Row(**(defaults | values))


def test_rates_and_means_of_a_cell():
    rows = [
        *(row(dui_status="deployed", segur=True, editor="A", score=3.0) for _ in range(3)),
        *(row(dui_status="partial", segur=False, editor="B", score=1.0) for _ in range(2)),
        *(row(dui_status="none", score=2.0, services=(("ins", True),)) for _ in range(5)),
        row(),  # no profile, no assessment
    ]
    figures = summarize(rows, minimum=5)
    assert (figures.essms, figures.profiles, figures.assessed) == (11, 10, 10)
    assert figures.dui_rate == 50.0
    assert figures.segur_share == 60.0
    assert figures.maturity == 2.1  # (3 x 3 + 2 x 1 + 5 x 2) / 10
    assert figures.services == {"ins": 100.0, "mssante": None, "dmp": None, "psc": None}


def test_small_cells_are_withheld():
    rows = [row(dui_status="deployed", segur=True, score=4.0) for _ in range(4)]
    figures = summarize(rows, minimum=5)
    assert figures.essms == 4  # directory counts are public
    assert figures.dui_rate is None and figures.segur_share is None
    assert figures.maturity is None


def test_group_by_territory():
    rows = [row(region="84", score=2.0) for _ in range(5)] + [row(region="11", score=1.0)]
    groups = group(rows, lambda r: r.region, minimum=5)
    assert groups["84"].maturity == 2.0
    assert groups["11"].maturity is None and groups["11"].essms == 1


def test_editor_shares_group_small_editors():
    rows = [row(editor="A") for _ in range(6)] + [row(editor="B") for _ in range(3)]
    rows += [row(editor="C") for _ in range(1)]
    shares = editor_shares(rows, minimum=5, others="Autres éditeurs")
    assert [(s.label, s.count, s.percent) for s in shares] == [
        ("A", 6, 60.0),
        ("Autres éditeurs", 4, 40.0),
    ]
    assert editor_shares(rows[:4], minimum=5, others="Autres") == []
