"""Signing in with an e-mail address, and django-axes locking out repeated failures."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
WRONG = "pas-le-bon-mot-de-passe"
LOCKED_OUT = "Connexion temporairement bloquée"
INVALID = "Adresse e-mail ou mot de passe incorrect."


def sign_in(client, email, password):
    return client.post(SIGN_IN, {"username": email, "password": password})


def test_sign_in_with_the_e_mail_address(client):
    user = UserFactory()

    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_form_speaks_french(client):
    page = text(client.get(SIGN_IN))
    assert "Adresse e-mail" in page and "Mot de passe" in page
    assert "Username" not in page


def test_a_wrong_password_shows_a_french_error(client):
    user = UserFactory()

    response = sign_in(client, user.email, WRONG)

    assert response.status_code == 200
    assert INVALID in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username_field", ["email", "username"])
def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(
    client, settings, username_field
):
    """Holds with AXES_USERNAME_FORM_FIELD set to the form field or left to USERNAME_FIELD."""
    settings.AXES_USERNAME_FORM_FIELD = username_field
    assert settings.AXES_FAILURE_LIMIT == 5
    user = UserFactory()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, user.email, WRONG)
        assert response.status_code == 200
        assert INVALID in response.content.decode()
    fifth = sign_in(client, user.email, WRONG)
    assert fifth.status_code == 429

    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert LOCKED_OUT in content
    assert "Trop de tentatives de connexion ont échoué." in content
    assert reverse("accounts:password_reset") in content
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username=user.email)
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_the_lock_is_per_address_and_ip(client):
    locked = UserFactory()
    other = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, locked.email, WRONG)
    assert sign_in(client, locked.email, PASSWORD).status_code == 429

    other_user = sign_in(Client(), other.email, PASSWORD)
    other_ip_client = Client(REMOTE_ADDR="192.0.2.10")
    other_ip = sign_in(other_ip_client, locked.email, PASSWORD)

    assert other_user.status_code == 302
    assert other_ip.status_code == 302
    assert other_ip_client.session["_auth_user_id"] == str(locked.pk)


def test_four_failures_then_success_resets_the_counter(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, user.email, WRONG)

    assert sign_in(client, user.email, PASSWORD).status_code == 302

    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, user.email, WRONG)
    assert response.status_code == 200
    assert LOCKED_OUT not in response.content.decode()


@pytest.mark.parametrize("typed", ["Camille.Martin@Example.org", "CAMILLE.MARTIN@EXAMPLE.ORG"])
def test_the_address_is_not_case_sensitive(client, typed):
    user = UserFactory(email="camille.martin@example.org")

    response = sign_in(client, typed, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_address_stored_with_capitals_signs_in_too(client):
    user = UserFactory(email="Camille.Martin@example.org")

    response = sign_in(client, "camille.martin@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_case_variants_share_one_failure_count(client):
    user = UserFactory(email="camille.martin@example.org")
    for typed in [
        "camille.martin@example.org",
        "Camille.Martin@example.org",
        "CAMILLE.MARTIN@EXAMPLE.ORG",
        "camille.MARTIN@example.org",
        "Camille.martin@Example.org",
    ]:
        sign_in(client, typed, WRONG)

    response = sign_in(client, "Camille.Martin@Example.ORG", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=user.email).failures_since_start >= 5


def test_the_admin_sign_in_is_locked_out_too(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": user.email, "password": WRONG})

    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
