"""Funding never funds what eligibility rejects: one predicate (``segur_failure``) decides
both, in every scenario of the simulation page and in ``POST /api/grappes/funding/``."""

from decimal import Decimal
from itertools import product

import pytest
from django.urls import reverse

from mutualis.grappes import funding
from mutualis.grappes.eligibility import EssmsFacts, check
from mutualis.grappes.funding import FundedEssms
from mutualis.grappes.rules import Programme
from mutualis.grappes.selectors import rules_for
from tests.factories import EstablishmentFactory, ManagingBodyFactory
from tests.grappes.conftest import choose_all, create
from tests.pages import words

pytestmark = pytest.mark.django_db

SITUATIONS = ["no_dui", "replacement", "upgrade", "compliant"]


@pytest.mark.parametrize("campaign", [2022, 2023, 2024, 2025])
def test_every_funded_essms_is_eligible_and_every_eligible_one_funded(campaign):
    rules = rules_for(Programme.GENERALISATION, campaign)
    combos = list(product(SITUATIONS, [True, False, None], ["pa", "ahi"]))
    facts = [
        EssmsFacts(
            finess=f"01{i:07d}",
            name="ESSMS",
            managing_body_id=1,
            departement="01",
            region="84",
            domain="SOC",
            sector=sector,
            aggregate="4400",
            category="500",
            situation=situation,
            segur=segur,
        )
        for i, (situation, segur, sector) in enumerate(combos)
    ]
    verdict = check(Programme.GENERALISATION, rules, facts)
    funded = [
        FundedEssms(f.finess, f.name, 1, "OG", f.situation, f.segur, False, f.sector) for f in facts
    ]
    result = funding.simulate(Programme.GENERALISATION, rules, funded)
    assert {e.essms.finess for e in result.essms} == {
        f.finess for f in facts if verdict.eligible(f.finess)
    }
    assert {e.finess for e in result.excluded} == {
        f.finess for f in facts if not verdict.eligible(f.finess)
    }


def test_a_non_segur_acquisition_is_not_funded_from_2023():
    rules = rules_for(Programme.GENERALISATION, 2024)
    essms = [FundedEssms("010000001", "EHPAD", 1, "OG", "no_dui", False, False, "pa")]
    result = funding.simulate(Programme.GENERALISATION, rules, essms)
    assert result.total == Decimal(0)
    [excluded] = result.excluded
    assert excluded.rule == "software.segur_required" and excluded.source == "S23, S27"
    assert "1 ESSMS non financé : les règles d'éligibilité" in " ".join(result.notes)
    exempt = [FundedEssms("010000001", "CHRS", 1, "OG", "no_dui", False, False, "ahi")]
    assert funding.simulate(Programme.GENERALISATION, rules, exempt).total == Decimal(19000)
    in_2022 = funding.simulate(Programme.GENERALISATION, rules_for("generalisation", 2022), essms)
    assert in_2022.total == Decimal(19000)  # not required yet: 12 000 + 7 000


def test_the_page_scenario_without_segur_funds_nothing_in_2024(client, carrier, segur_solution):
    body, admin = carrier
    grappe = create(client, admin, campaign=2024)
    partner = ManagingBodyFactory(establishment_count=5)
    EstablishmentFactory.create_batch(5, managing_body=partner)
    grappe.members.create(managing_body=partner, status="active")
    choose_all(client, grappe, body, segur_solution)
    for place in partner.establishments.all():
        grappe.establishments.create(
            member=grappe.members.get(managing_body=partner),
            establishment=place,
            situation="no_dui",
            solution=segur_solution,
        )
    response = client.post(reverse("grappes:simulate", args=[grappe.uid]), follow=True)
    page = words(response)
    # declared and all-Ségur: 15 acquisitions of small bodies, 15 x (14 500 + 7 000 + 10 000)
    # + AMOA 115 000; none Ségur: every acquisition is rejected, nor is the AMOA funded
    assert "Total 587 500 587 500 0" in page
    assert (
        "Scénario « Aucune référencée Ségur » : 15 ESSMS non financés, écartés par les règles "
        "d'éligibilité de la campagne — La solution DUI choisie doit être référencée Ségur pour "
        "ce domaine. (source : S23, S27)"
    ) in page


def test_the_funding_api_agrees_with_the_eligibility_api(client):
    body = ManagingBodyFactory(establishment_count=20)
    places = EstablishmentFactory.create_batch(15, managing_body=body)
    housing = EstablishmentFactory(managing_body=body, category_id="259")
    items = [{"finess": p.finess, "situation": "no_dui", "segur": True} for p in places]
    items[0]["segur"] = False
    items[1]["segur"] = None
    items.append({"finess": housing.finess, "situation": "no_dui", "segur": True})
    payload = {"programme": "generalisation", "campaign": 2024, "establishments": items}
    eligibility = client.post("/api/grappes/eligibility/", payload, content_type="application/json")
    accepted = {e["finess"] for e in eligibility.json()["establishments"] if e["eligible"]}
    data = client.post("/api/grappes/funding/", payload, content_type="application/json").json()
    assert {e["finess"] for e in data["establishments"]} == accepted
    assert data["total"] == 13 * (14500 + 7000)
    excluded = {e["finess"]: e for e in data["excluded"]}
    assert set(excluded) == {places[0].finess, places[1].finess, housing.finess}
    assert excluded[places[0].finess]["status"] == "not_eligible"
    assert excluded[places[0].finess]["failures"][0]["source"] == "S23, S27"
    assert excluded[places[1].finess]["status"] == "undetermined"
    assert excluded[housing.finess]["failures"][0]["rule"] == "excluded.categories.housing"
