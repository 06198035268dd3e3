"""Sign-in limits behind a reverse proxy: django-axes locks one account from one client
address (never everyone behind the proxy, nor the account from elsewhere), and one address
failing over many accounts (a password spray) is stopped."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
WRONG = "pas-le-bon-mot-de-passe"
PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def from_address(address):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def sign_in(client, email, password):
    return client.post(SIGN_IN, {"username": email, "password": password})


def test_the_lock_holds_one_account_from_one_address(settings):
    user = UserFactory()
    attacker = from_address("203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, user.email, WRONG)

    assert sign_in(attacker, user.email, PASSWORD).status_code == 429
    # The owner, elsewhere behind the same proxy, signs in; so does a colleague of the
    # attacker's address with another account.
    owner = from_address("203.0.113.10")
    assert sign_in(owner, user.email, PASSWORD).status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)
    colleague = UserFactory()
    assert sign_in(from_address("203.0.113.66"), colleague.email, PASSWORD).status_code == 302


def test_forging_x_forwarded_for_does_not_escape_the_lock(settings):
    settings.TRUSTED_PROXIES = []
    user = UserFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), user.email, WRONG)

    response = sign_in(Client(HTTP_X_FORWARDED_FOR="198.51.100.99"), user.email, PASSWORD)

    assert response.status_code == 429


def test_spraying_many_accounts_from_one_address_is_stopped(settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "SIGN_IN_FAILURES_PER_ADDRESS": 6}
    users = UserFactory.create_batch(7)
    sprayer = from_address("203.0.113.66")
    for user in users[:6]:  # one failure per account: django-axes locks none of them
        assert sign_in(sprayer, user.email, WRONG).status_code == 200

    response = sign_in(sprayer, users[6].email, PASSWORD)  # even the right password

    assert response.status_code == 429
    assert "core/too_many_requests.html" in [t.name for t in response.templates]
    assert "Trop de tentatives de connexion ont échoué depuis cette adresse." in text(response)
    assert "_auth_user_id" not in sprayer.session
    # The admin's sign-in refuses the address too; other addresses are not concerned.
    users[6].is_staff = users[6].is_superuser = True
    users[6].save()
    sprayer.post("/admin/login/", {"username": users[6].email, "password": PASSWORD})
    assert "_auth_user_id" not in sprayer.session
    assert sign_in(from_address("203.0.113.10"), users[6].email, PASSWORD).status_code == 302
