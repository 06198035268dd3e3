"""grappes.eligibility: every failed rule stated in French with its source."""

import pytest

from mutualis.grappes.eligibility import EssmsFacts, check
from mutualis.grappes.rules import Programme, Rule
from mutualis.grappes.selectors import rules_for

pytestmark = pytest.mark.django_db


def essms(n: int, **values) -> list[EssmsFacts]:
    defaults = {
        "name": "EHPAD",
        "managing_body_id": 1,
        "departement": "01",
        "region": "84",
        "domain": "SOC",
        "sector": "pa",
        "aggregate": "4400",
        "situation": "no_dui",
        "segur": True,
    }
    return [EssmsFacts(finess=f"01000{i:04d}", **(defaults | values)) for i in range(n)]


def test_fifteen_eligible_essms_make_a_regional_grappe():
    result = check(Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2024), essms(15))
    assert result.is_eligible and result.call == "régional" and result.eligible_count == 15
    assert (
        check(Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2024), essms(50)).call
        == "national"
    )


def test_too_small_a_grappe_is_told_how_many_are_missing():
    result = check(Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2024), essms(14))
    assert not result.is_eligible
    [failure] = result.grappe
    assert failure.message == "14 ESSMS éligibles : il en faut au moins 15."
    assert failure.source == "S03, S04"


def test_corsica_and_overseas_need_eight():
    rules = rules_for(Programme.GENERALISATION, 2024)
    assert check(Programme.GENERALISATION, rules, essms(8, departement="2A")).is_eligible
    assert check(Programme.GENERALISATION, rules, essms(8, departement="974")).is_eligible
    mixed = essms(7, departement="2A") + essms(1, departement="01")
    assert not check(Programme.GENERALISATION, rules, mixed).is_eligible


def test_essms_failures_are_listed_per_establishment():
    rules = rules_for(Programme.GENERALISATION, 2024)
    facts = [
        *essms(1, domain="SAN"),
        *essms(1, segur=False),
        *essms(1, situation=""),
        *essms(1, segur=False, sector="ahi"),  # exempt from Ségur referencing
        *essms(1, is_closed=True),
    ]
    facts = [EssmsFacts(**{**f.__dict__, "finess": f"0{i}"}) for i, f in enumerate(facts)]
    result = check(Programme.GENERALISATION, rules, facts)
    messages = {finess: [f.message for f in failures] for finess, failures in result.essms.items()}
    assert messages["00"] == [
        "Catégorie sanitaire : seuls les ESSMS de l'article L.312-1 du CASF sont éligibles."
    ]
    assert messages["01"] == ["La solution DUI choisie doit être référencée Ségur pour ce domaine."]
    assert result.essms["01"][0].source == "S23, S27"
    assert messages["02"] == ["Précisez la situation de l'établissement (DUI)."]
    assert messages["03"] == []
    assert messages["04"] == ["Établissement fermé dans FINESS."]
    assert result.eligible_count == 1


def test_segur_referencing_was_not_required_in_2022():
    rules = rules_for(Programme.GENERALISATION, 2022)
    assert check(Programme.GENERALISATION, rules, essms(15, segur=False)).is_eligible


def test_amorcage_2021_limited_sectors_and_size():
    rules = rules_for(Programme.AMORCAGE_T1, 2021)
    result = check(Programme.AMORCAGE_T1, rules, essms(31))
    assert [f.message for f in result.grappe] == ["Au plus 30 ESSMS par grappe."]
    child = check(Programme.AMORCAGE_T1, rules, essms(1, sector="protection_enfance"))
    assert "Secteur non éligible" in child.essms["010000000"][0].message


def test_sons_funds_equipped_segur_essms_of_its_aggregates():
    rules = rules_for(Programme.SONS_V1, 2022)
    ok = check(Programme.SONS_V1, rules, essms(1, situation="compliant", aggregate="4400"))
    assert ok.is_eligible and ok.call == ""
    wrong = check(Programme.SONS_V1, rules, essms(1, situation="no_dui", aggregate="4500"))
    assert [f.rule for f in wrong.essms["010000000"]] == [
        "eligible.aggregates",
        "eligible.segur_equipped",
    ]


def test_rules_are_data():
    custom = {"grappe.min_essms": Rule("grappe.min_essms", "3", source="test")}
    assert check(Programme.GENERALISATION, custom, essms(3)).is_eligible
