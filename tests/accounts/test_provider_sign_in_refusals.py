"""What a provider sign-in refuses: forged or replayed callbacks, cancelled sign-ins, foreign
tokens, a provider that is down, a provider that is not configured."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation

from mutualis.accounts import providers
from mutualis.accounts.models import User
from mutualis.accounts.oidc import ProviderBackend
from tests.accounts.oidc import provider_settings, query
from tests.factories import UserFactory
from tests.oidc_provider import sign_in_at_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def proconnect(settings, provider_url):
    cache.clear()
    settings.OIDC_PROVIDERS = provider_settings(provider_url)


def _message(client, response) -> str:
    assert response.status_code == 302 and response.url == "/comptes/connexion/"
    return client.get(response.url).content.decode()


@pytest.mark.usefixtures("proconnect")
def test_a_callback_with_an_unknown_state_is_refused(client):
    response = client.get("/comptes/oidc/retour/?code=abc&state=" + "x" * 48)
    assert "La demande de connexion a expiré" in _message(client, response)
    assert not User.objects.exists()


@pytest.mark.usefixtures("proconnect")
def test_a_callback_cannot_be_replayed(client):
    start = client.get("/comptes/oidc/proconnect/")
    back = sign_in_at_provider(start.url, "agent")
    path = back.removeprefix("http://testserver")
    assert client.get(path).url == "/annuaire/mon-organisme/"
    client.logout()
    assert "La demande de connexion a expiré" in _message(client, client.get(path))


@pytest.mark.usefixtures("proconnect")
def test_a_cancelled_sign_in_says_so(client):
    state = query(client.get("/comptes/oidc/proconnect/").url)["state"]
    response = client.get(f"/comptes/oidc/retour/?error=access_denied&state={state}")
    assert "Connexion annulée" in _message(client, response)


@pytest.mark.usefixtures("proconnect")
def test_a_token_signed_by_another_key_is_refused():
    document = providers.metadata(providers.get("proconnect"))
    backend = ProviderBackend()
    backend.configure(providers.get("proconnect"))
    claims = {"iss": document["issuer"], "aud": "mutualis", "sub": "agent", "exp": time.time() + 60}
    forged = jwt.encode(
        claims,
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        algorithm="RS256",
        headers={"kid": "test-key"},
    )
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(forged)


def test_a_provider_that_is_down_answers_a_french_503(client, settings):
    cache.clear()
    settings.OIDC_PROVIDERS = provider_settings(
        "http://127.0.0.1:9/.well-known/openid-configuration"
    )
    response = client.get("/comptes/oidc/proconnect/")
    assert response.status_code == 503
    assert "ProConnect ne répond pas" in response.content.decode()


def test_without_a_provider_nothing_changes(client, settings):
    settings.OIDC_PROVIDERS = {}
    assert "S’identifier avec" not in client.get("/comptes/connexion/").content.decode()
    assert client.get("/comptes/oidc/proconnect/").status_code == 404
    response = client.get("/comptes/oidc/retour/?code=a&state=b")
    assert "La demande de connexion a expiré" in _message(client, response)


def test_a_signed_in_user_is_not_sent_to_the_provider(client, settings, provider_url):
    settings.OIDC_PROVIDERS = provider_settings(provider_url)
    client.force_login(UserFactory())
    assert client.get("/comptes/oidc/proconnect/").url == "/comptes/espace/"
