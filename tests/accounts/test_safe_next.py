"""A ``next`` parameter sends back to a path of this site only: every other value (another
site, a protocol-relative or backslash address, a script, a bare word, non-ASCII text) leads
to the page's usual destination, never to a server error, on every form that reads it."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mutualis.accounts.models import User
from mutualis.core.redirects import is_safe_path
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.mail import after_commit

pytestmark = pytest.mark.django_db

ATTACKS = [
    "//evil.example",
    "https://evil.example",
    "http://testserver.evil.example/",
    "/\\evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "dashboard",
    "accounts:dashboard",
    "/é",
    "/\u2215\u2215evil.example",
    " //evil.example",
    "/\n/evil.example",
]
DASHBOARD = reverse("accounts:dashboard")
HOME = reverse("portal:home")
DIRECTORY = reverse("directory:managing_bodies")


@pytest.mark.parametrize("value", ATTACKS)
def test_only_paths_of_the_site_are_safe(value):
    request = RequestFactory().get("/")

    assert not is_safe_path(request, value)
    assert is_safe_path(request, DIRECTORY)
    assert is_safe_path(request, "/annuaire/?q=les%20tilleuls")


@pytest.mark.parametrize("value", ATTACKS)
def test_sign_in(client, value):
    user = UserFactory()

    page = client.get(reverse("accounts:login"), {"next": value})
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD, "next": value}
    )

    assert page.status_code == 200
    assert value not in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD


def test_sign_in_follows_a_path_of_the_site(client):
    """The flows that need an account (invitations, join requests) come back after it."""
    invitation = reverse("accounts:accept_invitation", args=["jeton"])
    to_sign_in = client.get(invitation)
    assert to_sign_in["Location"] == f"{reverse('accounts:login')}?next={invitation}"

    response = client.post(
        to_sign_in["Location"],
        {"username": UserFactory().email, "password": PASSWORD, "next": invitation},
    )

    assert response["Location"] == invitation


@pytest.mark.parametrize("value", ATTACKS)
def test_sign_up(client, mailoutbox, value):
    with after_commit():
        response = client.post(
            f"{reverse('accounts:signup')}?{{}}".format(f"next={value}"),
            {"email": "jeanne@example.org", "password": PASSWORD},
        )
    assert response.status_code == 302
    [message] = mailoutbox
    link = re.search(r"http://testserver(/comptes/inscription/confirmer/\S+)", message.body)
    assert "?next=" not in link.group(1)

    confirmed = client.post(link.group(1))

    assert confirmed["Location"] == DASHBOARD
    assert User.objects.filter(email="jeanne@example.org").exists()


@pytest.mark.parametrize("value", ATTACKS)
def test_a_forged_next_on_the_confirmation_link(client, mailoutbox, value):
    with after_commit():
        client.post(
            reverse("accounts:signup"), {"email": "jeanne@example.org", "password": PASSWORD}
        )
    path = re.search(r"http://testserver(/comptes/inscription/confirmer/\S+)", mailoutbox[0].body)

    response = client.post(path.group(1), {"next": value})

    assert response["Location"] == DASHBOARD


@pytest.mark.parametrize("value", ATTACKS)
def test_sign_out(client, value):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:logout"), {"next": value})

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert "_auth_user_id" not in client.session


def test_sign_out_follows_a_path_of_the_site(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:logout"), {"next": DIRECTORY})

    assert response["Location"] == DIRECTORY


@pytest.mark.parametrize("value", ATTACKS)
def test_organisation_switch(client, value):
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = client.post(
        reverse("accounts:switch_organisation"),
        {"managing_body": membership.managing_body_id, "next": value},
    )

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
