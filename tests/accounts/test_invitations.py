"""An administrator invites someone by e-mail; only that address can accept."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import Invitation, Membership, MembershipRole
from mutualis.core.models import AuditLog
from tests.factories import MembershipFactory, UserFactory, national_admin
from tests.mail import after_commit
from tests.pages import text

pytestmark = pytest.mark.django_db

INVITED = "jeanne.dupont@example.org"
LINK = re.compile(r"http://testserver(/comptes/invitations/[\w-]+/)")


def invite(client, body, email=INVITED, role=MembershipRole.ADMIN):
    url = reverse("directory:managing_body_invite", args=[body.finess])
    with after_commit():
        return client.post(url, {"email": email, "role": role}, follow=True)


def invitation_link(client, admin, body, **kwargs) -> str:
    client.force_login(admin)
    invite(client, body, **kwargs)
    return LINK.search(mail.outbox[-1].body).group(1)


def test_an_administrator_invites_by_e_mail(client, body, admin):
    client.force_login(admin)
    assert (
        client.get(reverse("directory:managing_body_invite", args=[body.finess])).status_code == 200
    )

    response = invite(client, body, email="Jeanne.Dupont@Example.org")

    assert response.redirect_chain == [
        (reverse("directory:managing_body_members", args=[body.finess]), 302)
    ]
    assert "Invitation envoyée à Jeanne.Dupont@Example.org." in text(response)
    invitation = Invitation.objects.get()
    assert invitation.email == INVITED
    assert invitation.role == MembershipRole.ADMIN
    assert invitation.invited_by == admin
    assert invitation.accepted_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [INVITED]
    assert message.subject == "Invitation à rejoindre Association Les Tilleuls sur Mutualis"
    link = LINK.search(message.body).group(1)
    assert link == reverse("accounts:accept_invitation", args=[invitation.token])
    audit = AuditLog.objects.get(action="invitation.create")
    assert audit.actor == admin
    assert audit.object_id == str(invitation.uid)
    assert audit.changes["role"] == "admin"


def test_the_invited_person_accepts_and_gets_the_invited_role(client, body, admin):
    link = invitation_link(client, admin, body)
    invited = UserFactory(email=INVITED)
    client.force_login(invited)

    page = client.get(link)
    assert page.status_code == 200
    assert "Accepter l'invitation" in text(page)
    response = client.post(link, follow=True)

    assert response.redirect_chain == [(reverse("accounts:dashboard"), 302)]
    assert "Vous avez rejoint Association Les Tilleuls." in text(response)
    membership = Membership.objects.get(user=invited, managing_body=body)
    assert membership.role == MembershipRole.ADMIN
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    audit = AuditLog.objects.get(action="invitation.accept")
    assert audit.actor == invited
    assert audit.object_id == str(invitation.uid)


def test_the_member_role_is_kept_too(client, body, admin):
    link = invitation_link(client, admin, body, role=MembershipRole.MEMBER)
    invited = UserFactory(email=INVITED)
    client.force_login(invited)

    client.post(link)

    assert Membership.objects.get(user=invited, managing_body=body).role == MembershipRole.MEMBER


def test_another_user_cannot_use_the_token(client, body, admin):
    link = invitation_link(client, admin, body)
    intruder = UserFactory(email="autre@example.org")
    client.force_login(intruder)

    response = client.post(link, follow=True)

    assert (
        f"Cette invitation est adressée à {INVITED} : connectez-vous avec cette adresse."
        in text(response)
    )
    assert not Membership.objects.filter(user=intruder).exists()
    assert Invitation.objects.get().accepted_at is None
    assert not AuditLog.objects.filter(action="invitation.accept").exists()


def test_a_token_is_used_only_once(client, body, admin):
    link = invitation_link(client, admin, body)
    invited = UserFactory(email=INVITED)
    client.force_login(invited)
    client.post(link)
    Membership.objects.filter(user=invited).delete()

    response = client.post(link, follow=True)

    assert "Cette invitation n'existe pas ou a déjà été utilisée." in text(response)
    assert not Membership.objects.filter(user=invited).exists()


def test_an_unknown_token_is_refused(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:accept_invitation", args=["inconnu"]), follow=True)

    assert "Cette invitation n'existe pas ou a déjà été utilisée." in text(response)
    assert not Membership.objects.exists()


def test_accepting_needs_a_signed_in_user(client, body, admin):
    link = invitation_link(client, admin, body)
    client.logout()

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("who", ["member", "admin_elsewhere", "stranger"])
def test_only_an_administrator_of_the_body_may_invite(client, body, admin, who):
    if who == "member":
        actor = MembershipFactory(managing_body=body).user
    elif who == "admin_elsewhere":
        actor = MembershipFactory(role=MembershipRole.ADMIN).user
    else:
        actor = UserFactory()
    client.force_login(actor)
    url = reverse("directory:managing_body_invite", args=[body.finess])

    assert client.get(url).status_code == 403
    with after_commit():
        response = client.post(url, {"email": INVITED, "role": MembershipRole.ADMIN})

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    assert not AuditLog.objects.exists()


def test_a_national_administrator_may_invite(client, body):
    client.force_login(national_admin())

    invite(client, body)

    assert Invitation.objects.get().email == INVITED
    assert len(mail.outbox) == 1


def test_an_invalid_address_is_refused(client, body, admin):
    client.force_login(admin)

    response = invite(client, body, email="pas-une-adresse")

    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide." in text(response)
    assert not Invitation.objects.exists()


def test_an_invitation_expires_after_its_validity(client, body, admin):
    link = invitation_link(client, admin, body)
    Invitation.objects.update(created_at=timezone.now() - Invitation.VALIDITY - dt.timedelta(1))
    client.force_login(UserFactory(email=INVITED))

    response = client.post(link, follow=True)

    assert "Cette invitation a expiré" in text(response)
    assert not Membership.objects.filter(user__email=INVITED).exists()
