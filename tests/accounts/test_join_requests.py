"""Asking to join a managing body, and its administrator accepting or refusing."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import JoinRequest, Membership, MembershipRole
from mutualis.core.models import AuditLog
from tests.factories import MembershipFactory, UserFactory, national_admin
from tests.pages import text

pytestmark = pytest.mark.django_db

ALREADY_PENDING = "Votre demande est déjà en attente de validation."


@pytest.fixture
def requester():
    return UserFactory(email="demandeur@example.org")


def ask_to_join(client, body, message="Je suis directrice de l'EHPAD."):
    url = reverse("directory:managing_body_join", args=[body.finess])
    return client.post(url, {"message": message}, follow=True)


def decide(client, join_request, decision):
    url = reverse("accounts:decide_join_request", args=[join_request.uid])
    return client.post(url, {"decision": decision}, follow=True)


def test_a_signed_in_user_asks_to_join(client, body, requester):
    client.force_login(requester)

    response = ask_to_join(client, body)

    assert response.redirect_chain == [
        (reverse("directory:managing_body", args=[body.finess]), 302)
    ]
    assert "Votre demande a été transmise à l'administrateur." in text(response)
    join_request = JoinRequest.objects.get()
    assert join_request.user == requester
    assert join_request.managing_body == body
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.message == "Je suis directrice de l'EHPAD."
    audit = AuditLog.objects.get(action="join_request.create")
    assert audit.actor == requester
    assert audit.object_id == str(join_request.uid)
    assert not Membership.objects.filter(user=requester).exists()


def test_the_join_page_needs_a_signed_in_user(client, body):
    url = reverse("directory:managing_body_join", args=[body.finess])

    response = client.post(url, {"message": "Bonjour"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not JoinRequest.objects.exists()


def test_a_second_request_is_refused_while_the_first_is_pending(client, body, requester):
    client.force_login(requester)
    ask_to_join(client, body)

    response = ask_to_join(client, body, message="Relance")

    assert ALREADY_PENDING in text(response)
    assert JoinRequest.objects.count() == 1
    assert JoinRequest.objects.get().message == "Je suis directrice de l'EHPAD."
    assert AuditLog.objects.filter(action="join_request.create").count() == 1


def test_a_member_cannot_ask_again(client, body):
    member = MembershipFactory(managing_body=body).user
    client.force_login(member)

    response = ask_to_join(client, body)

    assert "Vous êtes déjà membre de cet organisme." in text(response)
    assert not JoinRequest.objects.exists()


def test_the_administrator_sees_the_request_and_accepts_it(client, body, admin, requester):
    client.force_login(requester)
    ask_to_join(client, body)
    join_request = JoinRequest.objects.get()
    client.force_login(admin)

    dashboard = client.get(reverse("accounts:dashboard"))
    content = text(dashboard)
    assert "Demandes de rattachement à traiter" in content
    assert "demandeur@example.org" in content
    assert "Je suis directrice de l'EHPAD." in content
    assert reverse("accounts:decide_join_request", args=[join_request.uid]) in content

    response = decide(client, join_request, "accept")

    assert response.redirect_chain == [(reverse("accounts:dashboard"), 302)]
    assert "Demande acceptée." in text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED
    assert join_request.decided_by == admin
    assert join_request.decided_at is not None
    membership = Membership.objects.get(user=requester, managing_body=body)
    assert membership.role == MembershipRole.MEMBER
    audit = AuditLog.objects.get(action="join_request.decide")
    assert audit.actor == admin
    assert audit.changes == {"status": "accepted"}
    assert "Demandes de rattachement à traiter" not in text(response)

    client.force_login(requester)
    assert "Association Les Tilleuls" in text(client.get(reverse("accounts:dashboard")))


def test_the_administrator_refuses(client, body, admin, requester):
    join_request = JoinRequest.objects.create(user=requester, managing_body=body)
    client.force_login(admin)

    response = decide(client, join_request, "refuse")

    assert "Demande refusée." in text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED
    assert join_request.decided_by == admin
    assert not Membership.objects.filter(user=requester).exists()
    assert AuditLog.objects.get(action="join_request.decide").changes == {"status": "refused"}


def test_after_a_refusal_the_user_may_ask_again(client, body, admin, requester):
    JoinRequest.objects.create(user=requester, managing_body=body, status="refused")
    client.force_login(requester)

    ask_to_join(client, body)

    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 1


def test_a_decision_cannot_be_made_twice(client, body, admin, requester):
    join_request = JoinRequest.objects.create(user=requester, managing_body=body)
    client.force_login(admin)
    decide(client, join_request, "refuse")

    response = decide(client, join_request, "accept")

    assert "Cette demande a déjà été traitée." in text(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED
    assert not Membership.objects.filter(user=requester).exists()


@pytest.mark.parametrize("who", ["member", "admin_elsewhere", "stranger"])
def test_only_an_administrator_of_the_body_decides(client, body, admin, requester, who):
    join_request = JoinRequest.objects.create(user=requester, managing_body=body)
    if who == "member":
        actor = MembershipFactory(managing_body=body).user
    elif who == "admin_elsewhere":
        actor = MembershipFactory(role=MembershipRole.ADMIN).user
    else:
        actor = UserFactory()
    client.force_login(actor)

    assert "demandeur@example.org" not in text(client.get(reverse("accounts:dashboard")))
    url = reverse("accounts:decide_join_request", args=[join_request.uid])
    response = client.post(url, {"decision": "accept"})

    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.decided_by is None
    assert not Membership.objects.filter(user=requester).exists()
    assert not AuditLog.objects.filter(action="join_request.decide").exists()


def test_a_national_administrator_may_decide(client, body, requester):
    join_request = JoinRequest.objects.create(user=requester, managing_body=body)
    client.force_login(national_admin())

    decide(client, join_request, "accept")

    assert Membership.objects.filter(user=requester, managing_body=body).exists()


def test_deciding_needs_a_post(client, body, admin, requester):
    join_request = JoinRequest.objects.create(user=requester, managing_body=body)
    client.force_login(admin)

    response = client.get(reverse("accounts:decide_join_request", args=[join_request.uid]))

    assert response.status_code == 405
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
