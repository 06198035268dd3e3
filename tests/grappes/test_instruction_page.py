"""The instruction page lists the grappes of the regional actor's régions by campaign and
status, with carrier, members, ESSMS, eligibility, amount and documents; another région sees
none of them; the page runs as many queries with many grappes as with few. It is reached from
the home page's "À traiter"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.grappes import services
from mutualis.grappes.models import Grappe
from tests.factories import EstablishmentFactory, UserFactory, national_admin, regional_actor
from tests.grappes.conftest import body_with
from tests.grappes.deposit import deposited
from tests.pages import text, words

pytestmark = pytest.mark.django_db

INSTRUCTION = reverse("grappes:instruction")


@pytest.fixture
def grappe(carrier, partner, segur_solution):
    grappe = deposited(carrier, partner, segur_solution)
    services.simulate_funding(carrier[1], grappe)
    return grappe


def row_of(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : start + 400]


def test_the_regional_actor_sees_the_grappes_of_its_region(client, grappe):
    client.force_login(regional_actor("84"))
    response = client.get(INSTRUCTION)
    row = row_of(words(response), "Grappe de l'Ain")
    # Carrier, members, ESSMS, eligibility, the latest simulation's amount (16 ESSMS without
    # DUI of small bodies, 2024 rules: 16 x 31 500 + AMOA 115 000), documents.
    assert (
        "Grappe de l'Ain Déposée en Auvergne-Rhône-Alpes 2024 Déposée Association Porteuse 2 16 "
        "Éligible (16 ESSMS) 619 000 € Dossier de candidature de Grappe de l'Ain Simulation du"
    ) in row
    assert reverse("grappes:application_pack", args=[grappe.uid]) in text(response)
    simulation = grappe.simulations.get()
    assert reverse("grappes:simulation", args=[grappe.uid, simulation.uid]) in text(response)


def test_filters_by_campaign_and_status(client, grappe, carrier):
    other_carrier = body_with(3, "Association Suivante")
    services.create_grappe(
        other_carrier[1], other_carrier[0], "Grappe 2023", "generalisation", 2023
    )
    client.force_login(regional_actor("84"))
    everything = words(client.get(INSTRUCTION))
    assert "Grappe de l'Ain" in everything and "Grappe 2023" in everything
    page = words(client.get(INSTRUCTION, {"campagne": 2023}))
    assert "Grappe 2023" in page and "Grappe de l'Ain" not in page
    page = words(client.get(INSTRUCTION, {"etat": "submitted"}))
    assert "Grappe de l'Ain" in page and "Grappe 2023" not in page
    page = words(client.get(INSTRUCTION, {"etat": "selected"}))
    assert "Aucune grappe ne correspond à ces critères." in page
    # A hostile filter is ignored, not a server error.
    assert client.get(INSTRUCTION, {"campagne": "²", "etat": "x"}).status_code == 200


def test_another_region_sees_nothing(client, grappe):
    client.force_login(regional_actor("11"))
    page = words(client.get(INSTRUCTION))
    assert "Grappe de l'Ain" not in page
    assert "Aucune grappe ne correspond à ces critères." in page


def test_a_grappe_deposited_elsewhere_leaves_the_list(client, carrier, partner, segur_solution):
    partner[0].establishments.update(region_id="11", departement_id="75", commune_id="75056")
    grappe = deposited(carrier, partner, segur_solution)  # 10 in 84, 6 in 11: deposited in 84
    client.force_login(regional_actor("11"))
    assert "Grappe de l'Ain" not in words(client.get(INSTRUCTION))
    client.force_login(regional_actor("84"))
    assert "Grappe de l'Ain" in words(client.get(INSTRUCTION))
    assert grappe.deposit_region_id == "84"


def test_the_grappes_the_actor_proposed_are_listed(client, carrier, partner):
    actor = regional_actor("84")
    proposed = services.create_suggested_grappe(
        actor, [carrier[0], partner[0]], 2024, "generalisation"
    )
    client.force_login(actor)
    response = client.get(INSTRUCTION)
    assert reverse("grappes:detail", args=[proposed.uid]) in text(response)
    assert "Grappe suggérée autour de Association Porteuse" in words(response)


def test_only_regional_actors_and_national_admins(client, grappe, carrier):
    client.force_login(carrier[1])
    response = client.get(INSTRUCTION)
    assert response.status_code == 403
    assert "réservée aux acteurs régionaux" in text(response)
    client.force_login(UserFactory())
    assert client.get(INSTRUCTION).status_code == 403
    client.force_login(national_admin())
    assert "Grappe de l'Ain" in words(client.get(INSTRUCTION))


def test_the_home_page_leads_the_actor_to_the_deposited_grappes(client, grappe):
    client.force_login(regional_actor("84"))
    response = client.get(reverse("portal:home"))
    assert "1 grappe déposée à instruire" in words(response)
    assert f"{INSTRUCTION}?etat=submitted" in text(response)
    services.decide(regional_actor("84"), grappe, Grappe.Status.SELECTED)
    assert "à instruire" not in words(client.get(reverse("portal:home")))
    client.force_login(regional_actor("11"))
    assert "à instruire" not in words(client.get(reverse("portal:home")))


def test_the_grappe_list_links_to_the_instruction(client):
    client.force_login(regional_actor("84"))
    assert INSTRUCTION in text(client.get(reverse("grappes:list")))


def test_the_regional_actors_space_links_to_the_instruction(client, carrier):
    client.force_login(regional_actor("84"))
    assert INSTRUCTION in text(client.get(reverse("accounts:dashboard")))
    client.force_login(carrier[1])
    assert INSTRUCTION not in text(client.get(reverse("accounts:dashboard")))


def add_grappes(n: int, solution) -> None:
    """``n`` deposited grappes of two bodies each in région 84, each with a simulation."""
    for index in range(n):
        carrier = body_with(10, f"Porteur {index}")
        partner = body_with(6, f"Partenaire {index}")
        grappe = deposited(carrier, partner, solution)
        Grappe.objects.filter(pk=grappe.pk).update(name=f"Grappe {index:03d}")
        services.simulate_funding(carrier[1], grappe)


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_query_count_is_flat(client, segur_solution):
    client.force_login(regional_actor("84"))
    add_grappes(2, segur_solution)
    few = count_queries(client, INSTRUCTION)
    add_grappes(4, segur_solution)
    EstablishmentFactory.create_batch(3)
    assert count_queries(client, INSTRUCTION) == few
    assert few <= 12


def test_the_suggestions_page_leads_to_the_proposed_grappes(client, current_rules):
    client.force_login(regional_actor("84"))
    response = client.get(reverse("grappes:suggestions"))
    assert INSTRUCTION in text(response)
