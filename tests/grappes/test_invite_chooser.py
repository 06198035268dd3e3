"""The carrier invites a managing body by its name, commune or FINESS number (the shared
managing-body chooser), with or without JavaScript."""

import pytest
from django.urls import reverse

from mutualis.grappes.models import Grappe
from tests.grappes.conftest import body_with
from tests.pages import text

pytestmark = pytest.mark.django_db


def grappe_of(client, admin) -> Grappe:
    client.force_login(admin)
    client.post(
        reverse("grappes:list"),
        {"name": "Grappe de l'Ain", "programme": "generalisation", "campaign": 2024},
    )
    return Grappe.objects.get()


def invite(client, grappe, typed: str):
    return client.post(reverse("grappes:invite", args=[grappe.uid]), {"finess": typed}, follow=True)


def test_the_invitation_field_is_an_accessible_chooser(client, carrier):
    grappe = grappe_of(client, carrier[1])
    page = text(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert 'role="combobox"' in page and 'aria-controls="id_finess-options"' in page
    assert f'hx-get="{reverse("directory:managing_body_choices")}"' in page
    assert '<label for="id_finess" class="fr-label">' in page


@pytest.mark.parametrize(
    "typed", ["fondation partenaire", "019 999 903", "Fondation Partenaire (019999903)"]
)
def test_a_body_is_invited_by_its_name_or_its_number(client, carrier, typed):
    body_with(6, "Fondation Partenaire", finess="019999903")
    grappe = grappe_of(client, carrier[1])
    assert "Fondation Partenaire est invité." in text(invite(client, grappe, typed))
    assert grappe.members.filter(managing_body__finess="019999903").exists()


def test_several_matches_are_named_and_nobody_is_invited(client, carrier):
    body_with(2, "Fondation Alpha")
    body_with(2, "Fondation Beta")
    grappe = grappe_of(client, carrier[1])
    page = text(invite(client, grappe, "fondation"))
    assert "Plusieurs organismes correspondent à « fondation »" in page
    assert grappe.members.count() == 1  # the carrier only
