"""Funding tranches: expected ones from the latest funding simulation, received ones recorded
by the carrier; the first tranche received completes its milestone."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from mutualis.grappes.funding import Simulation
from mutualis.projects.defaults import planned_tranches
from mutualis.projects.progress import funding_summary
from tests.pages import text, words

OPENED = datetime.date(2026, 1, 1)


def test_planned_tranches_follow_the_simulation_shares():
    simulation = Simulation(tranches=[(Decimal(40), Decimal(4000)), (Decimal(60), Decimal(6000))])
    planned = planned_tranches(simulation, OPENED)
    assert [(t.label, t.amount) for t in planned] == [
        ("Tranche 1 (40 %)", Decimal(4000)),
        ("Tranche 2 (60 %)", Decimal(6000)),
    ]
    single = planned_tranches(Simulation(tranches=[(Decimal(100), Decimal(10))]), OPENED)
    assert single[0].label == "Versement unique"
    assert planned_tranches(Simulation(), OPENED) == []


def test_funding_summary():
    summary = funding_summary([(Decimal(400), Decimal(400)), (Decimal(600), None)])
    assert (summary.expected, summary.received, summary.percent) == (1000, 400, 40)
    assert (summary.count, summary.received_count) == (2, 1)
    assert funding_summary([]).percent is None


@pytest.mark.django_db
def test_the_carrier_imports_tranches_simulated_after_opening(client, setup):
    project = setup.open()
    setup.simulate()
    client.force_login(setup.carrier_admin)
    page = text(client.get(reverse("projects:funding", args=[project.uid])))
    assert "Reprendre les tranches de la dernière simulation" in page
    response = client.post(reverse("projects:tranches_import", args=[project.uid]), follow=True)
    assert "2 tranche(s) reprise(s) de la dernière simulation." in text(response)
    again = client.post(reverse("projects:tranches_import", args=[project.uid]), follow=True)
    assert "Les tranches sont déjà renseignées" in text(again)
    assert project.tranches.count() == 2


@pytest.mark.django_db
def test_receiving_the_first_tranche_completes_its_milestone(client, setup):
    setup.simulate()
    project = setup.open()
    first, _second = project.tranches.all()
    client.force_login(setup.carrier_admin)
    response = client.post(
        reverse("projects:tranche", args=[project.uid, first.uid]),
        {
            "position": 1,
            "label": first.label,
            "expected_amount": first.expected_amount,
            "expected_date": "2026-04-01",
            "received_date": "2026-04-10",
            "received_amount": "",
        },
        follow=True,
    )
    first.refresh_from_db()
    assert first.received_amount == first.expected_amount  # defaults to the amount expected
    milestone = project.milestones.get(code="first_tranche")
    assert milestone.actual_date == datetime.date(2026, 4, 10)
    page = words(response)
    assert "1 / 2 reçue" in page
    assert f"Reçu : {int(first.expected_amount):,} €".replace(",", " ") in page


@pytest.mark.django_db
def test_a_received_amount_needs_a_date(client, setup):
    project = setup.open()
    client.force_login(setup.carrier_admin)
    response = client.post(
        reverse("projects:funding", args=[project.uid]),
        {
            "nouvelle-position": 1,
            "nouvelle-label": "Avance",
            "nouvelle-expected_amount": "100",
            "nouvelle-received_amount": "100",
        },
    )
    assert "received_date" in response.context["form"].errors
    assert not project.tranches.exists()
