"""A campaign whose rules are not loaded (2026) is "non évaluable": no eligibility verdict, no
funding, no deposit, no simulation; page and API say so; the campaign list offers the years
that have rules."""

import pytest
from django.urls import reverse

from mutualis.grappes.eligibility import EssmsFacts, assess
from mutualis.grappes.models import FundingSimulation, Grappe, GrappeMember
from mutualis.grappes.rules import Programme, not_evaluated
from mutualis.grappes.selectors import campaigns_with_rules, rules_for
from tests.grappes.conftest import choose_all
from tests.pages import text, words

pytestmark = pytest.mark.django_db

NOT_LOADED = "Règles de la campagne 2026 non chargées"


def facts(n: int) -> list[EssmsFacts]:
    return [
        EssmsFacts(
            finess=f"01000{i:04d}",
            name="EHPAD",
            managing_body_id=1,
            departement="01",
            region="84",
            domain="SOC",
            sector="pa",
            aggregate="4400",
            category="500",
            situation="no_dui",
            segur=True,
        )
        for i in range(n)
    ]


def test_a_campaign_without_rules_has_no_verdict():
    rules = rules_for(Programme.GENERALISATION, 2026)
    assert "grappe.min_essms" not in rules
    result = assess(Programme.GENERALISATION, 2026, rules, facts(20))
    assert (result.applicable, result.evaluable, result.verdict) == (True, False, None)
    assert not result.is_eligible and not result.eligible("010000000")
    assert result.status("010000000") == "undetermined"
    assert result.message.startswith(NOT_LOADED)
    assert not_evaluated(Programme.GENERALISATION, 2024, rules_for("generalisation", 2024)) is None
    evaluated = assess(Programme.GENERALISATION, 2024, rules_for("generalisation", 2024), facts(20))
    assert evaluated.verdict is True and evaluated.message == ""


def test_sons_vague_2_is_not_evaluable_while_its_texts_are_only_pre_published():
    rules = rules_for(Programme.SONS_V2, 2026)
    assert "programme.status" in rules  # sourced, shown, but no eligibility rule
    result = assess(Programme.SONS_V2, 2026, rules, facts(1))
    assert result.verdict is None and NOT_LOADED in result.message


@pytest.fixture
def grappe_2026(client, carrier, segur_solution):
    """A 2026 généralisation grappe of 15 ESSMS (made before the campaign list changed)."""
    body, admin = carrier
    grappe = Grappe.objects.create(
        name="Grappe 2026", programme=Programme.GENERALISATION, campaign=2026, carrier=body
    )
    GrappeMember.objects.create(grappe=grappe, managing_body=body, status="active")
    client.force_login(admin)
    choose_all(client, grappe, body, segur_solution)
    return grappe


def test_the_page_says_not_evaluable_never_eligible(client, grappe_2026):
    page = words(client.get(reverse("grappes:detail", args=[grappe_2026.uid])))
    assert "Éligibilité non évaluable" in page and NOT_LOADED in page
    assert "Grappe éligible" not in page and "Grappe pas encore éligible" not in page
    assert "Simuler le financement" not in page


def test_no_deposit_and_no_simulation(client, grappe_2026):
    response = client.post(
        reverse("grappes:status", args=[grappe_2026.uid]), {"etat": "submitted"}, follow=True
    )
    assert f"Dépôt impossible. {NOT_LOADED}" in text(response)
    assert Grappe.objects.get(pk=grappe_2026.pk).status == Grappe.Status.DRAFT
    response = client.post(reverse("grappes:simulate", args=[grappe_2026.uid]), follow=True)
    assert f"Simulation impossible. {NOT_LOADED}" in text(response)
    assert not FundingSimulation.objects.exists()


def test_the_api_says_not_evaluable(client, carrier):
    body, _ = carrier
    payload = {
        "programme": "generalisation",
        "campaign": 2026,
        "establishments": [
            {"finess": e.finess, "situation": "no_dui", "segur": True}
            for e in body.establishments.all()
        ],
    }
    data = client.post("/api/grappes/eligibility/", payload, content_type="application/json")
    data = data.json()
    assert (data["applicable"], data["evaluable"], data["eligible"]) == (True, False, None)
    assert data["message"].startswith(NOT_LOADED)
    assert {e["eligible"] for e in data["establishments"]} == {None}
    assert len(data["establishments"]) == 10
    funding = client.post("/api/grappes/funding/", payload, content_type="application/json")
    funding = funding.json()
    assert funding["total"] is None and funding["excluded"] == []
    assert funding["evaluable"] is False and funding["message"].startswith(NOT_LOADED)
    assert funding["establishments"] == [] and funding["tranches"] == []


def test_the_campaign_list_offers_the_years_that_have_rules():
    from mutualis.grappes.forms import GrappeForm  # at module level: a directory import cycle

    campaigns = campaigns_with_rules()
    assert campaigns[Programme.GENERALISATION] == [2022, 2023, 2024, 2025]
    assert campaigns[Programme.SONS_V1] == [2022]
    assert Programme.SONS_V2 not in campaigns and Programme.COOPERATION not in campaigns
    form = GrappeForm(campaigns=campaigns, year=2026)
    assert [value for value, _ in form.fields["campaign"].choices] == [
        2026,
        2025,
        2024,
        2023,
        2022,
        2021,
    ]
    assert "coopération sans programme seulement" in dict(form.fields["campaign"].choices)[2026]
    refused = GrappeForm(
        {"name": "G", "programme": "generalisation", "campaign": "2026"},
        campaigns=campaigns,
        year=2026,
    )
    assert not refused.is_valid()
    assert refused.errors["campaign"][0].startswith(NOT_LOADED)
    assert "campagnes possibles : 2022, 2023, 2024, 2025" in refused.errors["campaign"][0]
    sons = GrappeForm(
        {"name": "G", "programme": "sons_v1", "campaign": "2024"}, campaigns=campaigns, year=2026
    )
    assert not sons.is_valid()
    cooperation = GrappeForm(
        {"name": "G", "programme": "cooperation", "campaign": "2026"},
        campaigns=campaigns,
        year=2026,
    )
    assert cooperation.is_valid(), cooperation.errors
    unknown = GrappeForm(
        {"name": "G", "programme": "generalisation", "campaign": "2030"},
        campaigns=campaigns,
        year=2026,
    )
    assert unknown.errors["campaign"] == ["Choisissez une campagne de la liste."]


def test_the_api_schema_declares_the_verdict_fields(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    eligibility = schema["EligibilityOutput"]["properties"]
    assert {"applicable", "evaluable", "message", "eligible"} <= set(eligibility)
    assert eligibility["eligible"]["nullable"] is True
    funding = schema["FundingOutput"]["properties"]
    assert {"applicable", "evaluable", "message", "total", "excluded"} <= set(funding)
    assert funding["total"]["nullable"] is True
