"""A member of several managing bodies chooses the one they act for; kept in the session."""

import pytest
from django.urls import reverse

from tests.factories import ManagingBodyFactory, MembershipFactory, UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db

SWITCH = reverse("accounts:switch_organisation")
DASHBOARD = reverse("accounts:dashboard")


def test_the_first_organisation_by_name_is_the_default(client):
    user = UserFactory()
    MembershipFactory(user=user, managing_body=ManagingBodyFactory(name="Bêta"))
    MembershipFactory(user=user, managing_body=ManagingBodyFactory(name="Alpha"))
    client.force_login(user)

    response = client.get(DASHBOARD)

    assert response.wsgi_request.current_membership.managing_body.name == "Alpha"
    assert "Organisme pour lequel vous agissez" in text(response)


def test_switching_is_kept_in_the_session(client):
    user = UserFactory()
    MembershipFactory(user=user, managing_body=ManagingBodyFactory(name="Alpha"))
    beta = MembershipFactory(user=user, managing_body=ManagingBodyFactory(name="Bêta"))
    client.force_login(user)

    response = client.post(
        SWITCH, {"managing_body": beta.managing_body_id, "next": "/annuaire/"}, follow=True
    )

    assert response.redirect_chain == [("/annuaire/", 302)]
    assert "Vous agissez pour Bêta." in text(response)
    assert client.get(DASHBOARD).wsgi_request.current_membership == beta


def test_one_cannot_act_for_a_body_one_is_not_a_member_of(client):
    client.force_login(UserFactory())
    other = ManagingBodyFactory()
    assert client.post(SWITCH, {"managing_body": other.pk}).status_code == 403


def test_an_outside_next_url_is_ignored(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    response = client.post(
        SWITCH, {"managing_body": membership.managing_body_id, "next": "https://evil.example"}
    )
    assert response["Location"] == DASHBOARD


def test_anonymous_and_unattached_users_act_for_no_one(client):
    assert client.get("/").wsgi_request.current_membership is None
    client.force_login(UserFactory())
    assert client.get(DASHBOARD).wsgi_request.current_membership is None
