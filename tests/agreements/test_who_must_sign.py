"""Submitting for signature needs every invited organisation to have joined or been removed
(a French message names who is pending); the agreement is signed only when every member has
signed, an organisation invited meanwhile holding it back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.agreements import services
from mutualis.grappes.models import GrappeMember
from tests.agreements.conftest import sign_all
from tests.grappes.conftest import body_with

pytestmark = pytest.mark.django_db


def invite(grappe, name, finess):
    body, admin = body_with(1, name, finess=finess)
    return GrappeMember.objects.create(grappe=grappe, managing_body=body), admin


def test_submission_waits_for_the_invited_organisations(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    invite(grappe, "Association des Dômes", "630000035")
    with pytest.raises(ValidationError) as error:
        services.submit_for_review(carrier[1], agreement)
    assert error.value.messages == [
        "1 organisme invité n'a pas encore rejoint la grappe : Association des Dômes. Chaque "
        "organisme invité doit rejoindre la grappe ou en être retiré avant la signature."
    ]
    invite(grappe, "Centre Bellevue", "630000043")
    with pytest.raises(ValidationError, match="2 organismes invités n'ont pas encore rejoint"):
        services.submit_for_review(carrier[1], agreement)
    assert agreement.status == "draft" and not agreement.versions.exists()


def test_joined_or_removed_lets_it_through(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    joined, _ = invite(grappe, "Association des Dômes", "630000035")
    removed, _ = invite(grappe, "Centre Bellevue", "630000043")
    joined.status = GrappeMember.Status.ACTIVE
    joined.save()
    removed.status = GrappeMember.Status.LEFT
    removed.save()
    services.submit_for_review(carrier[1], agreement)
    assert agreement.status == "review"
    members = [m["name"] for m in agreement.versions.get().context["members"]]
    assert "Association des Dômes" in members and "Centre Bellevue" not in members


def test_signed_only_when_every_member_signed(grappe, carrier, partner, client):
    agreement = services.create_agreement(carrier[1], grappe)
    services.submit_for_review(carrier[1], agreement)
    invite(grappe, "Association des Dômes", "630000035")  # invited meanwhile
    sign_all(agreement, {carrier[0].pk: carrier[1], partner[0].pk: partner[1]})
    assert agreement.status == "review"
    assert agreement.versions.get().signed_at is None
    client.force_login(carrier[1])
    page = client.get(reverse("agreements:agreement", args=[grappe.uid])).content.decode()
    assert "Invité : doit rejoindre la grappe ou en être retiré" in page


def test_the_carrier_withdraws_a_pending_invitation(client, grappe, carrier, partner):
    agreement = services.create_agreement(carrier[1], grappe)
    pending, _ = invite(grappe, "Association des Dômes", "630000035")
    url = reverse("agreements:withdraw", args=[grappe.uid, pending.pk])
    client.force_login(partner[1])
    assert client.post(url).status_code == 403
    client.force_login(carrier[1])
    page = client.get(reverse("agreements:agreement", args=[grappe.uid])).content.decode()
    assert "En attente : Association des Dômes." in page
    assert (
        "Invitation de Association des Dômes retirée."
        in client.post(url, follow=True).content.decode()
    )
    assert not GrappeMember.objects.filter(pk=pending.pk).exists()
    active = grappe.members.get(managing_body=partner[0])
    again = client.post(reverse("agreements:withdraw", args=[grappe.uid, active.pk]), follow=True)
    assert "Cet organisme n&#x27;est pas, ou plus, invité dans la grappe." in again.content.decode()
    services.submit_for_review(carrier[1], agreement)
    assert agreement.status == "review"
