"""Sign-up and password reset requests are limited per client address and per e-mail address,
with the site's French 429 page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.mail import after_commit
from tests.pages import text

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:signup")
RESET = reverse("accounts:password_reset")


@pytest.fixture(autouse=True)
def low_limits(settings):
    settings.MUTUALIS = {
        **settings.MUTUALIS,
        "SIGN_UP_PER_ADDRESS": 4,
        "SIGN_UP_PER_EMAIL": 2,
        "PASSWORD_RESET_PER_ADDRESS": 4,
        "PASSWORD_RESET_PER_EMAIL": 2,
    }


def sign_up(client, email):
    with after_commit():
        return client.post(SIGN_UP, {"email": email, "password": PASSWORD})


def reset(client, email):
    with after_commit():
        return client.post(RESET, {"email": email})


def assert_refused(response, sentence):
    assert response.status_code == 429
    assert "core/too_many_requests.html" in [t.name for t in response.templates]
    assert sentence in text(response)


def test_sign_up_per_e_mail_address(mailoutbox):
    for n in range(2):
        response = sign_up(Client(REMOTE_ADDR=f"198.51.100.{n}"), "cible@example.org")
        assert response.status_code == 302

    response = sign_up(Client(REMOTE_ADDR="198.51.100.9"), "Cible@Example.org")

    assert_refused(response, "Trop de comptes ont été demandés pour cette adresse e-mail")
    assert len(mailoutbox) == 2


def test_sign_up_per_client_address(mailoutbox):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for n in range(4):
        assert sign_up(client, f"personne{n}@example.org").status_code == 302

    assert_refused(sign_up(client, "autre@example.org"), "Trop de comptes ont été demandés")
    assert len(mailoutbox) == 4
    assert sign_up(Client(REMOTE_ADDR="198.51.100.2"), "autre@example.org").status_code == 302


def test_reset_per_e_mail_address(mailoutbox):
    user = UserFactory()
    for n in range(2):
        assert reset(Client(REMOTE_ADDR=f"198.51.100.{n}"), user.email).status_code == 302

    response = reset(Client(REMOTE_ADDR="198.51.100.9"), user.email.upper())

    assert_refused(response, "Trop de demandes de réinitialisation ont été faites")
    assert len(mailoutbox) == 2


def test_reset_per_client_address(mailoutbox):
    client = Client(REMOTE_ADDR="198.51.100.1")
    users = UserFactory.create_batch(5)
    for user in users[:4]:
        assert reset(client, user.email).status_code == 302

    assert_refused(reset(client, users[4].email), "Réessayez dans une heure.")
    assert len(mailoutbox) == 4
    assert reset(Client(REMOTE_ADDR="198.51.100.2"), users[4].email).status_code == 302
