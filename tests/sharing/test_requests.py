"""Contact requests: asked by another body, answered by the owner's administrators; names
and contacts shown only once accepted; audited; pending ones in "À traiter"."""

import pytest
from django.core import mail
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.sharing.models import SharingRequest
from tests.factories import MembershipFactory
from tests.pages import text
from tests.sharing.factories import ListingFactory, SharingRequestFactory, body_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides():
    owner, owner_admin = body_with_admin("Association Alpha")
    seeker, seeker_admin = body_with_admin("Association Voisine")
    listing = ListingFactory(managing_body=owner, title="DPO 2 jours par mois")
    return owner, owner_admin, seeker, seeker_admin, listing


def test_request_accept_reveals_names_and_contacts_to_both_sides(
    client, sides, django_capture_on_commit_callbacks
):
    _owner, owner_admin, seeker, seeker_admin, listing = sides
    client.force_login(seeker_admin)
    detail = reverse("sharing:detail", args=[listing.uid])
    assert "Association Alpha" not in text(client.get(detail))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sharing:request", args=[listing.uid]), {"message": "Bonjour, intéressés"}
        )
    assert response.status_code == 302
    request = SharingRequest.objects.get()
    assert (request.requester, request.status) == (seeker, "pending")
    assert mail.outbox[-1].to == [owner_admin.email]
    assert "Association Voisine" not in mail.outbox[-1].body  # anonymous until accepted
    assert AuditLog.objects.filter(action="sharing.request").exists()
    # A second request while the first waits is refused in French.
    again = client.post(reverse("sharing:request", args=[listing.uid]), follow=True)
    assert "déjà en attente" in text(again)

    client.force_login(owner_admin)
    mine = text(client.get(reverse("sharing:mine")))
    assert "Bonjour, intéressés" in mine and "Association Voisine" not in mine
    home = text(client.get(reverse("portal:home")))
    assert "1 demande de mise en relation sur vos offres et besoins" in home
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sharing:answer", args=[request.uid]), {"reponse": "accepter"})
    request.refresh_from_db()
    assert request.status == SharingRequest.Status.ACCEPTED and request.decided_at
    assert mail.outbox[-1].to == [seeker_admin.email]
    mine = text(client.get(reverse("sharing:mine")))
    assert "Association Voisine" in mine and seeker_admin.email in mine

    client.force_login(seeker_admin)
    page = text(client.get(detail))
    assert "Association Alpha" in page and owner_admin.email in page
    assert "Association Alpha" in text(client.get(reverse("sharing:explore")))
    assert AuditLog.objects.filter(action="sharing.answer", changes={"accepted": True}).exists()


def test_decline_keeps_names_hidden(client, sides):
    _owner, owner_admin, seeker, seeker_admin, listing = sides
    request = SharingRequestFactory(listing=listing, requester=seeker)
    client.force_login(owner_admin)
    client.post(reverse("sharing:answer", args=[request.uid]), {"reponse": "decliner"})
    request.refresh_from_db()
    assert request.status == SharingRequest.Status.DECLINED
    client.force_login(seeker_admin)
    assert "Association Alpha" not in text(client.get(reverse("sharing:mine")))
    # Answered already: a second answer is refused.
    client.force_login(owner_admin)
    page = client.post(
        reverse("sharing:answer", args=[request.uid]), {"reponse": "accepter"}, follow=True
    )
    assert "déjà reçu une réponse" in text(page)


def test_only_the_owners_administrators_answer(client, sides):
    owner, _owner_admin, seeker, seeker_admin, listing = sides
    request = SharingRequestFactory(listing=listing, requester=seeker)
    member = MembershipFactory(managing_body=owner).user
    client.force_login(member)
    assert client.post(reverse("sharing:answer", args=[request.uid])).status_code == 403
    client.force_login(seeker_admin)  # the requester cannot accept its own request
    assert client.post(reverse("sharing:answer", args=[request.uid])).status_code == 403
    _, stranger = body_with_admin("Fondation Tierce")
    client.force_login(stranger)  # never confirmed to exist
    assert client.post(reverse("sharing:answer", args=[request.uid])).status_code == 404
    request.refresh_from_db()
    assert request.status == SharingRequest.Status.PENDING


def test_own_expired_or_withdrawn_listing_cannot_be_requested(client, sides):
    _owner, owner_admin, seeker, seeker_admin, listing = sides
    client.force_login(owner_admin)
    assert client.post(reverse("sharing:request", args=[listing.uid])).status_code == 403
    client.force_login(seeker_admin)
    foreign = ListingFactory(managing_body=seeker, direction="offer")
    page = client.post(
        reverse("sharing:request", args=[listing.uid]),
        {"mon_annonce": str(foreign.uid)},  # an offer for an offer: refused
        follow=True,
    )
    assert "Choisissez une de vos annonces de sens opposé" in text(page)
    listing.status = "withdrawn"
    listing.save()
    assert client.post(reverse("sharing:request", args=[listing.uid])).status_code == 404
    assert not SharingRequest.objects.exists()


def test_requester_withdraws_its_pending_request(client, sides):
    _owner, _owner_admin, seeker, seeker_admin, listing = sides
    request = SharingRequestFactory(listing=listing, requester=seeker)
    client.force_login(seeker_admin)
    client.post(reverse("sharing:withdraw_request", args=[request.uid]))
    request.refresh_from_db()
    assert request.status == SharingRequest.Status.WITHDRAWN
