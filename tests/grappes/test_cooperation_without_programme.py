"""A grappe may be a cooperation without programme (joint purchase, shared resources): it
needs no rule, and eligibility and funding are simply "non applicable"."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.grappes import funding
from mutualis.grappes.eligibility import assess
from mutualis.grappes.funding import FundedEssms
from mutualis.grappes.models import FundingSimulation, Grappe
from mutualis.grappes.rules import NOT_APPLICABLE, Programme
from tests.grappes.conftest import choose_all
from tests.pages import text, words

pytestmark = pytest.mark.django_db


def test_no_rule_needed_and_no_verdict():
    result = assess(Programme.COOPERATION, 2026, {}, [])
    assert (result.applicable, result.evaluable, result.verdict) == (False, True, None)
    assert result.message == NOT_APPLICABLE
    assert not result.is_eligible
    essms = [FundedEssms("010000001", "EHPAD", 1, "OG", "no_dui", True, False)]
    simulation = funding.simulate(Programme.COOPERATION, {}, essms)
    assert simulation.total == Decimal(0) and simulation.essms == []
    assert simulation.notes == [NOT_APPLICABLE]


@pytest.fixture
def cooperation(client, carrier, segur_solution):
    """A cooperation of this year, created from the form (any year is offered to it)."""
    body, admin = carrier
    client.force_login(admin)
    year = timezone.localdate().year
    response = client.post(
        reverse("grappes:list"),
        {"name": "Achat groupé de l'Ain", "programme": "cooperation", "campaign": year},
    )
    assert response.status_code == 302, words(response)
    grappe = Grappe.objects.get()
    choose_all(client, grappe, body, segur_solution)
    return grappe


def test_the_page_says_not_applicable(client, cooperation):
    assert cooperation.programme == Programme.COOPERATION
    page = words(client.get(reverse("grappes:detail", args=[cooperation.uid])))
    assert "Éligibilité non applicable" in page
    assert "Coopération sans programme (achat groupé, ressources partagées)" in page
    assert "aucune règle de programme ne s'applique" in page
    assert "Grappe éligible" not in page and "non évaluable" not in page
    assert "Simuler le financement" not in page


def test_no_simulation_and_no_deposit_to_an_ars_call(client, cooperation):
    response = client.post(reverse("grappes:simulate", args=[cooperation.uid]), follow=True)
    assert f"Simulation impossible. {NOT_APPLICABLE}" in text(response)
    assert not FundingSimulation.objects.exists()
    response = client.post(
        reverse("grappes:status", args=[cooperation.uid]), {"etat": "submitted"}, follow=True
    )
    assert f"Dépôt impossible. {NOT_APPLICABLE}" in text(response)
    assert Grappe.objects.get().status == Grappe.Status.DRAFT


def test_the_api_says_not_applicable(client, carrier):
    body, _ = carrier
    payload = {
        "programme": "cooperation",
        "campaign": 2026,
        "establishments": [
            {"finess": e.finess, "situation": "no_dui"} for e in body.establishments.all()
        ],
    }
    data = client.post("/api/grappes/eligibility/", payload, content_type="application/json")
    data = data.json()
    assert (data["applicable"], data["evaluable"], data["eligible"]) == (False, True, None)
    assert data["message"] == NOT_APPLICABLE
    funding_ = client.post("/api/grappes/funding/", payload, content_type="application/json")
    funding_ = funding_.json()
    assert (funding_["applicable"], funding_["total"]) == (False, None)
    assert funding_["message"] == NOT_APPLICABLE
