"""Eligible categories are data per programme, each with its source: housing under the Code
de la construction et de l'habitation (256, 258, 259) and USLD (362) are not ESSMS of art.
L.312-1 CASF; an excluded ESSMS fails with the rule stated in French and its source, and the
partner candidates do not count it."""

import pytest
from django.urls import reverse

from mutualis.finess.models import Category
from mutualis.grappes import candidates, selectors
from mutualis.grappes.eligibility import check
from mutualis.grappes.rules import Programme, excluded_categories
from mutualis.grappes.selectors import rules_for
from tests.factories import EstablishmentFactory, ManagingBodyFactory, national_admin
from tests.pages import words

pytestmark = pytest.mark.django_db


def test_the_category_codes_are_those_of_the_finess_nomenclature():
    rules = rules_for(Programme.GENERALISATION, 2024)
    assert sorted(excluded_categories(rules)) == ["256", "258", "259", "362"]
    assert Category.objects.get(code="258").aggregate_id == "4607"
    assert Category.objects.get(code="259").aggregate_id == "4607"
    assert "Travailleurs Migrants" in Category.objects.get(code="256").label
    assert "Longue Durée" in Category.objects.get(code="362").label
    assert rules["excluded.categories.housing"].source == "S96, CCH"
    assert rules["excluded.categories.housing"].reliability == "inferred"
    assert rules["excluded.categories.usld"].source == "S02, S96"
    assert "excluded.categories.housing" in rules_for(Programme.SONS_V1, 2022)


@pytest.mark.parametrize("code", ["256", "258", "259"])
def test_housing_fails_with_the_rule_and_its_source(code):
    place = EstablishmentFactory(category_id=code)
    facts = selectors.establishment_facts(place, "no_dui", True)
    result = check(Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2024), [facts])
    [failure] = result.essms[place.finess]
    assert failure.rule == "excluded.categories.housing"
    assert failure.message.startswith(f"Catégorie FINESS {code} non éligible : Logement relevant")
    assert "résidences sociales 259" in failure.message
    assert failure.source == "S96, CCH"
    assert result.status(place.finess) == "not_eligible" and result.eligible_count == 0


def test_usld_fails_with_its_own_rule_only():
    place = EstablishmentFactory(category_id="362")
    facts = selectors.establishment_facts(place, "no_dui", True)
    result = check(Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2024), [facts])
    assert [(f.rule, f.source) for f in result.essms[place.finess]] == [
        ("excluded.categories.usld", "S02, S96")
    ]


def test_a_sanitary_category_fails_the_domain_rule_with_its_source():
    place = EstablishmentFactory(category_id="355")  # centre hospitalier
    facts = selectors.establishment_facts(place, "no_dui", True)
    result = check(Programme.GENERALISATION, rules_for(Programme.GENERALISATION, 2024), [facts])
    [failure] = result.essms[place.finess]
    assert failure.rule == "eligible.domain" and failure.source == "S02, S04, S96"


def test_the_api_states_the_excluded_category(client):
    places = [EstablishmentFactory(category_id="259"), EstablishmentFactory()]
    payload = {
        "programme": "generalisation",
        "campaign": 2024,
        "establishments": [
            {"finess": p.finess, "situation": "no_dui", "segur": True} for p in places
        ],
    }
    data = client.post("/api/grappes/eligibility/", payload, content_type="application/json")
    housing, ehpad = data.json()["establishments"]
    assert housing["eligible"] is False and ehpad["eligible"] is True
    assert housing["failures"][0]["rule"] == "excluded.categories.housing"
    assert housing["failures"][0]["source"] == "S96, CCH"


def test_the_rules_page_shows_each_category_decision_with_its_source(client):
    client.force_login(national_admin())
    page = words(client.get(reverse("grappes:rules")))
    assert "excluded.categories.housing 2022–2025 256 258 259 catégories FINESS S96, CCH" in page
    assert "excluded.categories.usld 2022–2025 362 catégories FINESS S02, S96 Vérifiée" in page
    assert "CCH : Code de la construction et de l'habitation" in page
    assert "(fiabilité : déduite)" in page


def test_partner_candidates_do_not_count_excluded_categories():
    body = ManagingBodyFactory(establishment_count=5, open_to_cooperation=True)
    EstablishmentFactory.create_batch(3, managing_body=body)
    EstablishmentFactory(managing_body=body, category_id="259", latitude=48.0)
    EstablishmentFactory(managing_body=body, category_id="256", latitude=48.0)
    [candidate] = candidates.candidates(
        candidates.open_bodies().filter(pk=body.pk), 2025, Programme.GENERALISATION
    )
    assert candidate.essms == 3
    assert len(candidate.points) == 3 and all(lat != 48.0 for lat, _ in candidate.points)
    # 2026 has no rules yet: the exclusions of the last campaign with rules apply
    [later] = candidates.candidates(
        candidates.open_bodies().filter(pk=body.pk), 2026, Programme.GENERALISATION
    )
    assert later.essms == 3
