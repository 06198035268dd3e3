"""Partner ranking with its explained score, and contact requests between managing bodies."""

import pytest
from django.core import mail
from django.urls import reverse

from mutualis.grappes.models import ContactRequest
from tests.grappes.conftest import body_with
from tests.pages import text, words

pytestmark = pytest.mark.django_db
PARTNERS = reverse("grappes:partners")


@pytest.fixture
def open_partners(db):
    near, near_admin = body_with(4, "Association Voisine")
    far, _ = body_with(3, "Fondation Lointaine")
    far.establishments.update(latitude=43.3, longitude=5.4, region_id="93", departement_id="13")
    closed, _ = body_with(2, "Association Fermée aux coopérations")
    for body in (near, far):
        body.open_to_cooperation = True
        body.save()
    return near, near_admin, far, closed


def test_open_bodies_are_ranked_with_their_score_explained(client, carrier, open_partners):
    client.force_login(carrier[1])  # the open partners exist (fixture)
    page = words(client.get(PARTNERS, {"toutes_regions": "on"}))
    assert page.index("Association Voisine") < page.index("Fondation Lointaine")
    assert "Association Fermée aux coopérations" not in page
    assert "Détail du score de Association Voisine" in page
    # Only the région of the body by default.
    assert "Fondation Lointaine" not in words(client.get(PARTNERS))


def test_contact_request_then_details_after_acceptance(client, carrier, open_partners):
    near, near_admin, _, _ = open_partners
    client.force_login(carrier[1])
    response = client.post(
        reverse("grappes:request_contact"),
        {"organisme": near.pk, "message": "Formons une grappe ?"},
        follow=True,
    )
    assert "Demande de contact envoyée à Association Voisine." in text(response)
    assert mail.outbox[-1].to == [near_admin.email]
    assert near_admin.email not in words(client.get(PARTNERS))  # not before acceptance
    again = client.post(reverse("grappes:request_contact"), {"organisme": near.pk}, follow=True)
    assert "déjà en attente" in text(again)

    client.force_login(near_admin)
    contact = ContactRequest.objects.get()
    client.post(reverse("grappes:answer_contact", args=[contact.uid]), {"reponse": "accepter"})
    assert ContactRequest.objects.get().status == ContactRequest.Status.ACCEPTED
    client.force_login(carrier[1])
    assert near_admin.email in words(client.get(PARTNERS))


def test_requests_only_to_open_bodies_and_answers_only_by_the_recipient(
    client, carrier, open_partners
):
    near, _, _, closed = open_partners
    client.force_login(carrier[1])
    refused = client.post(reverse("grappes:request_contact"), {"organisme": closed.pk}, follow=True)
    assert "ne s'est pas déclaré ouvert à la coopération" in text(refused)
    client.post(reverse("grappes:request_contact"), {"organisme": near.pk})
    contact = ContactRequest.objects.get()
    response = client.post(
        reverse("grappes:answer_contact", args=[contact.uid]), {"reponse": "accepter"}
    )
    assert response.status_code == 403
