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


def test_small_counts_of_a_distribution_are_withheld_with_the_next_smallest():
    from mutualis.observatory.aggregates import withhold_small_counts

    assert withhold_small_counts([0, 2, 7, 9, 0], minimum=5) == (0, None, None, 9, 0)
    assert withhold_small_counts([1, 2, 7, 9, 0], minimum=5) == (None, None, 7, 9, 0)
    assert withhold_small_counts([0, 0, 7, 9, 5], minimum=5) == (0, 0, 7, 9, 5)


def test_dimension_distributions_count_the_palier_reached():
    from mutualis.observatory.aggregates import dimension_distributions

    rows = [row(dimensions=(("1", 2.9), ("2", 4.0))) for _ in range(5)]
    rows += [row(dimensions=(("1", 3.0),))]
    found = dimension_distributions(rows, {"1": "Gouvernance", "2": "Usages"}, minimum=5)
    assert [(d.code, d.assessed, d.mean) for d in found] == [("1", 6, 2.92), ("2", 5, 4.0)]
    assert found[0].counts == (0, 0, None, None, 0)  # 5 at palier 2, 1 at 3: both withheld
    assert found[1].counts == (0, 0, 0, 0, 5)
    small = dimension_distributions(rows[:4], {"1": "Gouvernance"}, minimum=5)[0]
    assert small.mean is None and small.counts == (None,) * 5
