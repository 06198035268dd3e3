"""Ids and uuids posted to the grappe pages are parsed by form fields: a superscript digit
(``"²".isdigit()`` is true, ``int("²")`` fails), a number beyond 64 bits (SQLite overflows)
or a malformed uuid is refused, never a 500."""

import pytest
from django.urls import reverse

from mutualis.grappes import services
from mutualis.grappes.models import ContactRequest, Grappe
from tests.factories import national_admin, regional_actor
from tests.grappes.conftest import body_with
from tests.grappes.test_suggestions import open_bodies  # noqa: F401 (fixture)
from tests.pages import words

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("current_rules")]

BEYOND_64_BITS = str(2**70)


@pytest.mark.parametrize("raw", ["²", BEYOND_64_BITS, "-1", ""])
def test_proposing_a_malformed_body_creates_nothing(client, open_bodies, raw):  # noqa: F811
    client.force_login(regional_actor())

    response = client.post(
        reverse("grappes:propose"), {"organismes": [open_bodies[0].pk, raw]}, follow=True
    )

    assert response.redirect_chain[0][0] == reverse("grappes:suggestions")
    assert "Cette suggestion n'est plus valable" in words(response)
    assert not Grappe.objects.exists()


@pytest.mark.parametrize("raw", ["²", BEYOND_64_BITS, "x"])
def test_a_contact_request_to_a_malformed_body_is_a_404(client, carrier, raw):
    client.force_login(carrier[1])

    response = client.post(reverse("grappes:request_contact"), {"organisme": raw})

    assert response.status_code == 404
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize("raw", ["pas-un-uuid", "²", ""])
def test_sharing_a_malformed_assessment_uuid_is_a_404(client, carrier, raw):
    body, admin = carrier
    grappe = services.create_grappe(admin, body, "Grappe", "generalisation", 2026)
    client.force_login(admin)

    response = client.post(reverse("grappes:share", args=[grappe.uid]), {"autodiagnostic": raw})

    assert response.status_code == 404
    assert not grappe.shared_assessments.exists()


def test_an_id_beyond_64_bits_in_the_address_is_a_404(client, carrier):
    body, admin = carrier
    grappe = services.create_grappe(admin, body, "Grappe", "generalisation", 2026)
    client.force_login(national_admin())

    assert client.get(f"/grappes/regles/{BEYOND_64_BITS}/").status_code == 404
    assert client.get(f"/grappes/{grappe.uid}/autodiagnostics/{BEYOND_64_BITS}/").status_code == 404
    answer = f"/grappes/{grappe.uid}/membres/{BEYOND_64_BITS}/reponse/"
    assert client.post(answer, {"reponse": "accepter"}).status_code == 404


def test_a_contact_message_with_a_nul_character_is_refused_in_french(client, carrier):
    recipient, _ = body_with(2, "Association Voisine")
    client.force_login(carrier[1])

    response = client.post(
        reverse("grappes:request_contact"),
        {"organisme": recipient.pk, "message": "Bonjour\x00"},
        follow=True,
    )

    assert "Message non valable : Le caractère nul n’est pas autorisé." in words(response)
    assert not ContactRequest.objects.exists()
