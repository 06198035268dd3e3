"""A grappe names its région of deposit: the région of most of its ESSMS by default, fixed
when the carrier deposits; the carrier of a pluri-régional grappe chooses it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.grappes import selectors, services
from mutualis.grappes.models import Grappe
from tests.factories import regional_actor
from tests.grappes.deposit import eligible_grappe
from tests.pages import words

pytestmark = pytest.mark.django_db


def move_to_ile_de_france(body) -> None:
    body.establishments.update(
        region_id="11", departement_id="75", commune_id="75056", postal_code="75001"
    )


def test_the_default_is_the_region_of_most_essms(carrier, partner, segur_solution):
    move_to_ile_de_france(partner[0])  # 10 ESSMS in 84, 6 in 11
    grappe = eligible_grappe(carrier, partner, segur_solution)
    assert selectors.region_counts(grappe) == [("84", 10), ("11", 6)]
    assert selectors.default_deposit_region(grappe) == "84"
    assert grappe.deposit_region is None  # fixed at the deposit

    services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
    assert Grappe.objects.get().deposit_region_id == "84"


def test_a_tie_goes_to_the_lowest_code_and_no_essms_to_the_carriers_region(carrier, partner):
    grappe = services.create_grappe(carrier[1], carrier[0], "Grappe", "generalisation", 2024)
    assert selectors.default_deposit_region(grappe) == "84"  # the carrier's main région
    assert selectors.region_counts(grappe) == []


def test_the_carrier_of_a_pluri_regional_grappe_chooses_it(
    client, carrier, partner, segur_solution
):
    move_to_ile_de_france(partner[0])
    grappe = eligible_grappe(carrier, partner, segur_solution)
    client.force_login(carrier[1])
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Région de dépôt de cette grappe pluri-régionale" in page
    assert "Île-de-France (6 ESSMS)" in page

    client.post(reverse("grappes:deposit_region", args=[grappe.uid]), {"region": "11"})
    assert Grappe.objects.get().deposit_region_id == "11"
    assert AuditLog.objects.filter(action="grappe.deposit_region").exists()
    services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
    grappe.refresh_from_db()
    assert grappe.deposit_region_id == "11"  # the choice holds at the deposit
    assert "Région de dépôt : Île-de-France" in words(
        client.get(reverse("grappes:detail", args=[grappe.uid]))
    )


def test_only_a_region_of_its_essms_and_only_by_the_carrier(
    client, carrier, partner, segur_solution
):
    move_to_ile_de_france(partner[0])
    grappe = eligible_grappe(carrier, partner, segur_solution)
    with pytest.raises(ValidationError):
        services.set_deposit_region(carrier[1], grappe, "93")
    with pytest.raises(PermissionDenied):
        services.set_deposit_region(partner[1], grappe, "11")
    with pytest.raises(PermissionDenied):
        services.set_deposit_region(regional_actor("11"), grappe, "11")
    client.force_login(carrier[1])
    response = client.post(
        reverse("grappes:deposit_region", args=[grappe.uid]), {"region": "93"}, follow=True
    )
    assert "Choisissez une région où la grappe a des ESSMS." in words(response)
    assert Grappe.objects.get().deposit_region is None


def test_a_choice_no_longer_among_its_regions_falls_back_to_the_default(
    carrier, partner, segur_solution
):
    move_to_ile_de_france(partner[0])
    grappe = eligible_grappe(carrier, partner, segur_solution)
    services.set_deposit_region(carrier[1], grappe, "11")
    partner[0].establishments.update(region_id="84", departement_id="01", commune_id="01053")
    services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
    assert Grappe.objects.get().deposit_region_id == "84"


def test_a_mono_regional_grappe_offers_no_choice(client, carrier, partner, segur_solution):
    grappe = eligible_grappe(carrier, partner, segur_solution)
    client.force_login(carrier[1])
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Région de dépôt : Auvergne-Rhône-Alpes (région de la plupart de ses ESSMS" in page
    assert "Région de dépôt de cette grappe pluri-régionale" not in page
