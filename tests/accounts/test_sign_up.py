"""Creating an account: the user exists, is signed in, and the sign-up is audited."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import User
from mutualis.core.models import AuditLog
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:signup")


def sign_up(client, **overrides):
    data = {
        "first_name": "Jeanne",
        "last_name": "Dupont",
        "email": "jeanne.dupont@example.org",
        "password": PASSWORD,
    }
    data.update(overrides)
    return client.post(SIGN_UP, data)


def test_sign_up_creates_the_user_signs_them_in_and_writes_an_audit_row(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="jeanne.dupont@example.org")
    assert user.first_name == "Jeanne"
    assert user.last_name == "Dupont"
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)

    audit = AuditLog.objects.get(action="user.sign_up")
    assert audit.actor == user
    assert audit.object_type == "accounts.user"
    assert audit.object_id == str(user.uid)

    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    content = dashboard.content.decode()
    assert "Votre compte a été créé." in content
    assert "Connecté en tant que jeanne.dupont@example.org" in content


def test_sign_up_stores_the_address_in_lower_case(client):
    sign_up(client, email="Jeanne.Dupont@Example.ORG")

    assert User.objects.filter(email="jeanne.dupont@example.org").exists()


def test_sign_up_follows_next(client):
    next_url = reverse("directory:managing_bodies")

    response = client.post(
        f"{SIGN_UP}?next={next_url}",
        {"email": "jeanne.dupont@example.org", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.parametrize("email", ["camille@example.org", "Camille@Example.org"])
def test_an_address_already_used_is_refused(client, email):
    UserFactory(email="camille@example.org")

    response = sign_up(client, email=email)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Un compte existe déjà avec cette adresse."]
    assert "Un compte existe déjà avec cette adresse." in response.content.decode()
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session
    assert not AuditLog.objects.filter(action="user.sign_up").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("court", "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères."),
        ("1234567890", "Ce mot de passe est entièrement numérique."),
        ("motdepasse", "Ce mot de passe est trop courant."),
        ("jeanne.dupont@example.org", "Le mot de passe est trop semblable"),
    ],
)
def test_a_weak_password_is_refused_with_a_french_reason(client, password, message):
    response = sign_up(client, password=password)

    assert response.status_code == 200
    errors = response.context["form"].errors["password"]
    assert any(error.startswith(message) for error in errors), errors
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session
    assert not AuditLog.objects.exists()


def test_a_signed_in_user_is_sent_to_the_dashboard(client):
    client.force_login(UserFactory())

    response = client.get(SIGN_UP)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_the_address_typed_at_sign_up_signs_in_whatever_its_case(client):
    sign_up(client, email="Jeanne.Dupont@Example.ORG")
    client.logout()

    response = client.post(
        reverse("accounts:login"), {"username": "Jeanne.Dupont@Example.ORG", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_an_address_stored_with_capitals_is_a_duplicate_too(client):
    UserFactory(email="Camille.Martin@example.org")

    response = sign_up(client, email="camille.martin@example.org")

    assert response.context["form"].errors["email"] == ["Un compte existe déjà avec cette adresse."]
    assert User.objects.count() == 1
