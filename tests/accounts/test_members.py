"""Administrators of a managing body manage its members: roles, removal; members may leave."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import Invitation, Membership, MembershipRole
from mutualis.core.models import AuditLog
from tests.factories import MembershipFactory
from tests.pages import text

pytestmark = pytest.mark.django_db


def members_url(body):
    return reverse("directory:managing_body_members", args=[body.finess])


def change(client, membership, **data):
    url = reverse(
        "directory:change_membership", args=[membership.managing_body.finess, membership.pk]
    )
    return client.post(url, data, follow=True)


def test_an_administrator_sees_members_and_open_invitations(client, body, admin):
    member = MembershipFactory(managing_body=body, user__email="marc@example.org")
    Invitation.objects.create(managing_body=body, email="lea@example.org", invited_by=admin)
    client.force_login(admin)

    page = text(client.get(members_url(body)))

    assert "Membres de Association Les Tilleuls" in page
    assert member.user.email in page and admin.email in page
    assert "lea@example.org" in page and "Jusqu'au" in page


def test_members_page_is_for_administrators_only(client, body):
    member = MembershipFactory(managing_body=body)
    assert client.get(members_url(body)).status_code == 302  # to sign-in
    client.force_login(member.user)
    assert client.get(members_url(body)).status_code == 403
    other = MembershipFactory(managing_body=body)
    assert change(client, other, action="role", role="admin").status_code == 403
    assert Membership.objects.get(pk=other.pk).role == MembershipRole.MEMBER


def test_an_administrator_promotes_a_member_with_an_audit_row(client, body, admin):
    member = MembershipFactory(managing_body=body)
    client.force_login(admin)

    response = change(client, member, action="role", role="admin")

    assert f"Le rôle de {member.user} a été mis à jour." in text(response)
    assert Membership.objects.get(pk=member.pk).role == MembershipRole.ADMIN
    audit = AuditLog.objects.get(action="membership.role")
    assert audit.actor == admin and audit.changes == {"role": ["member", "admin"]}


def test_the_last_administrator_cannot_step_down_or_leave(client, body, admin):
    own = Membership.objects.get(user=admin)
    client.force_login(admin)

    for data in ({"action": "role", "role": "member"}, {"action": "remove"}):
        response = change(client, own, **data)
        assert "doit garder au moins un administrateur" in text(response)
    assert Membership.objects.get(pk=own.pk).role == MembershipRole.ADMIN


def test_an_administrator_removes_a_member(client, body, admin):
    member = MembershipFactory(managing_body=body)
    client.force_login(admin)

    response = change(client, member, action="remove")

    assert "ne fait plus partie de l'organisme" in text(response)
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert AuditLog.objects.get(action="membership.remove").changes == {"user": member.user.email}


def test_a_member_may_leave(client, body, admin):
    member = MembershipFactory(managing_body=body)
    client.force_login(member.user)

    response = change(client, member, action="remove")

    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_an_unknown_role_is_refused(client, body, admin):
    member = MembershipFactory(managing_body=body)
    client.force_login(admin)
    assert "Rôle inconnu." in text(change(client, member, action="role", role="owner"))
    assert Membership.objects.get(pk=member.pk).role == MembershipRole.MEMBER
