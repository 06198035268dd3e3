"""The solution referential: dated Ségur referencing loaded idempotently from data/, and
"non vérifiée" read as "non évaluable" wherever the platform uses the referencing."""

import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from mutualis.core.reference_data import read_rows
from mutualis.directory.models import ItProfile, SegurStatus, Solution, segur_flag
from mutualis.directory.reference import DATA_DIR, SolutionLoad, load_solutions
from mutualis.grappes import funding
from mutualis.grappes.eligibility import SEGUR_UNKNOWN, check
from mutualis.grappes.rules import Programme
from mutualis.grappes.selectors import rules_for
from mutualis.observatory.aggregates import summarize
from mutualis.observatory.dataset import establishment_rows
from tests.factories import EstablishmentFactory, checked_segur
from tests.grappes.test_eligibility import essms
from tests.grappes.test_funding import essms as funded_essms
from tests.observatory.test_aggregates import row
from tests.pages import words

pytestmark = pytest.mark.django_db
HEADER = (
    "# test file\n"
    "editor;solution;website;segur_status;segur_couloir;segur_version;segur_checked_on;"
    "segur_source\n"
)


def csv_file(tmp_path, *lines: str):
    path = tmp_path / "solutions.csv"
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_the_shipped_referential_is_honest_and_loads_idempotently():
    shipped = len(list(read_rows(DATA_DIR / "solutions.csv")))
    assert load_solutions() == SolutionLoad(created=0, updated=0, kept=shipped)
    assert Solution.objects.count() == shipped
    malta = Solution.objects.get(name="MALTA")
    assert malta.segur_status == SegurStatus.UNVERIFIED and malta.segur_referenced is None
    assert malta.segur_checked_on is None
    header = (DATA_DIR / "solutions.csv").read_text(encoding="utf-8")
    assert "https://esante.gouv.fr/segur/solutions-referencees" in header
    assert set(Solution.objects.values_list("segur_status", flat=True)) == {"unverified"}


def test_a_newer_check_updates_an_older_one_never(tmp_path):
    source = "https://esante.gouv.fr/segur/solutions-referencees"
    newer = csv_file(tmp_path, f"Malta Informatique;MALTA;;referenced;MS1;V1;2026-11-30;{source}")
    assert load_solutions(newer) == SolutionLoad(updated=1)
    malta = Solution.objects.get(name="MALTA")
    assert (malta.segur_referenced, malta.segur_couloir, malta.segur_checked_on) == (
        True,
        "MS1",
        datetime.date(2026, 11, 30),
    )
    checked_segur(malta, SegurStatus.NOT_REFERENCED)  # an admin's later check (2026-12-01)
    assert load_solutions(newer) == SolutionLoad(kept=1)
    assert Solution.objects.get(name="MALTA").segur_status == SegurStatus.NOT_REFERENCED
    unverified = csv_file(tmp_path, "Malta Informatique;MALTA;;unverified;;;;")
    assert load_solutions(unverified) == SolutionLoad(kept=1)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Éditeur;Produit;;certified;;;;", "ligne 1 : statut Ségur inconnu « certified »"),
        ("Éditeur;Produit;;referenced;MS1;;;", "ligne 1 : un statut vérifié demande la date"),
    ],
)
def test_a_wrong_line_is_refused_with_its_number(tmp_path, line, message):
    with pytest.raises(ValueError, match=message):
        load_solutions(csv_file(tmp_path, line))
    assert not Solution.objects.filter(name="Produit").exists()


def test_a_checked_status_needs_its_date_and_source():
    solution = Solution.objects.get(name="Titan")
    solution.segur_status = SegurStatus.REFERENCED
    with pytest.raises(ValidationError, match="demande la date de vérification et la source"):
        solution.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        solution.save()


def test_statuses_read_as_true_false_or_unknown():
    assert [segur_flag(status) for status in SegurStatus.values] == [True, False, None]
    assert segur_flag(None) is None


def test_grappe_eligibility_is_undetermined_for_an_unknown_referencing():
    rules = rules_for(Programme.GENERALISATION, 2024)  # Ségur referencing required
    unknown_facts = replace(essms(1, segur=None)[0], finess="019999999")
    result = check(Programme.GENERALISATION, rules, [*essms(14), unknown_facts])
    unknown = unknown_facts.finess
    assert result.essms[unknown] == [] and not result.eligible(unknown)
    assert [f.message for f in result.undetermined[unknown]] == [SEGUR_UNKNOWN]
    assert result.status(unknown) == "undetermined"
    assert result.eligible_count == 14 and not result.is_eligible
    refused = check(Programme.GENERALISATION, rules, essms(1, segur=False))
    assert refused.status(essms(1)[0].finess) == "not_eligible" and not refused.undetermined


def test_sons_eligibility_is_undetermined_for_an_unknown_referencing():
    rules = rules_for(Programme.SONS_V1, 2022)
    result = check(Programme.SONS_V1, rules, essms(1, situation="upgrade", segur=None))
    [finess] = result.essms
    assert result.status(finess) == "undetermined"
    assert result.undetermined[finess][0].rule == "eligible.segur_equipped"


def test_the_eligibility_api_answers_null_for_non_evaluable(client):
    places = EstablishmentFactory.create_batch(2)
    response = client.post(
        "/api/grappes/eligibility/",
        {
            "programme": "generalisation",
            "campaign": 2024,
            "establishments": [
                {"finess": places[0].finess, "situation": "no_dui", "segur": None},
                {"finess": places[1].finess, "situation": "no_dui", "segur": False},
            ],
        },
        content_type="application/json",
    )
    unknown, refused = response.json()["establishments"]
    assert (unknown["eligible"], unknown["status"], unknown["failures"]) == (
        None,
        "undetermined",
        [],
    )
    assert unknown["undetermined"][0]["message"] == SEGUR_UNKNOWN
    assert (refused["eligible"], refused["status"]) == (False, "not_eligible")


def test_funding_tells_which_editor_lines_are_non_evaluable():
    rules = rules_for(Programme.GENERALISATION, 2022)  # Ségur referencing not required yet
    result = funding.simulate(Programme.GENERALISATION, rules, funded_essms(segur=None, n=2))
    assert any("Référencement Ségur non évaluable pour 2 ESSMS" in n for n in result.notes)
    assert result.essms[0].lines[0].rule == "fund.new_dui.editor"
    known = funding.simulate(Programme.GENERALISATION, rules, funded_essms(segur=False))
    assert not any("non évaluable" in note for note in known.notes)


def test_funding_never_funds_an_unknown_referencing_the_year_requires():
    """From 2023 an acquisition needs a Ségur-referenced solution: unknown, it is not funded
    (eligibility cannot accept it), and the reason is the eligibility rule's."""
    rules = rules_for(Programme.GENERALISATION, 2024)
    result = funding.simulate(Programme.GENERALISATION, rules, funded_essms(segur=None, n=2))
    assert result.total == 0 and result.essms == []
    assert [e.message for e in result.excluded] == [SEGUR_UNKNOWN, SEGUR_UNKNOWN]


def test_the_observatory_share_leaves_non_evaluable_out():
    rows = [
        *(row(dui_status="deployed", segur=True) for _ in range(3)),
        *(row(dui_status="deployed", segur=False) for _ in range(2)),
        *(row(dui_status="partial", segur=None) for _ in range(4)),
    ]
    figures = summarize(rows, minimum=5)
    assert figures.segur_share == 60.0  # 3 of the 5 known, not 3 of 9
    assert figures.segur_unknown == 4


def test_the_observatory_rows_read_the_status():
    unverified = Solution.objects.get(name="Livia")
    referenced = checked_segur(Solution.objects.get(name="Titan"))
    for solution in (unverified, referenced):
        ItProfile.objects.create(
            establishment=EstablishmentFactory(), dui_status="deployed", solution=solution
        )
    equipped = [r.segur for r in establishment_rows(2026) if r.dui_status == "deployed"]
    assert sorted(equipped, key=str) == [None, True]


def test_the_solutions_api_and_the_establishment_page_never_call_unverified_referenced(client):
    solution = Solution.objects.get(name="NETSoins")
    detail = client.get(f"/api/solutions/{solution.uid}/").json()
    assert (detail["segur_status"], detail["segur_referenced"]) == ("unverified", None)
    place = EstablishmentFactory()
    ItProfile.objects.create(establishment=place, dui_status="deployed", solution=solution)
    page = words(client.get(reverse("directory:establishment", args=[place.finess])))
    assert "Référencement Ségur non évaluable (référencement non vérifié)" in page
    assert "Référencée Ségur" not in page and "Non référencée Ségur" not in page
