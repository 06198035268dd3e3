"""Signing in with ProConnect (and Pro Santé Connect) against a real OpenID Connect provider."""

import pytest
from django.core.cache import cache

from mutualis.accounts.models import ProviderIdentity, User
from tests.accounts.oidc import provider_settings, psc_settings, query, sign_in
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def proconnect(settings, provider_url):
    cache.clear()
    settings.OIDC_PROVIDERS = provider_settings(provider_url)


def test_the_authorisation_request_carries_long_state_and_nonce(client):
    response = client.get("/comptes/oidc/proconnect/")
    params = query(response.url)
    assert response.url.startswith("http://127.0.0.1:")
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert params["client_id"] == "mutualis"
    assert params["redirect_uri"] == "http://testserver/comptes/oidc/retour/"
    assert "siret" in params["scope"].split()


def test_a_first_sign_in_creates_the_account_and_proposes_the_siren_s_bodies(client):
    body = ManagingBodyFactory(name="Association Rhône Santé", siren="775680881")
    ManagingBodyFactory(siren="999999999")

    response = sign_in(client, "agent")

    user = User.objects.get(email="anne.agent@ars.example.fr")
    assert (user.first_name, user.last_name, user.has_usable_password()) == ("Anne", "Agent", False)
    identity = ProviderIdentity.objects.get(user=user)
    # The SIRET only travels in the signed (JWT) userinfo.
    assert (identity.provider, identity.subject, identity.siret) == (
        "proconnect",
        "agent",
        "77568088100019",
    )
    assert response.url == "/annuaire/mon-organisme/"
    page = client.get(response.url).content.decode()
    assert body.display_name in page and "999999999" not in page
    join = client.get(f"/annuaire/organismes/{body.finess}/rejoindre/").content.decode()
    assert "SIRET 77568088100019" in join


def test_a_body_whose_essms_carries_the_siren_is_proposed(client):
    establishment = EstablishmentFactory(siret="77568088100050")
    EstablishmentFactory(siret="77568089900010")

    sign_in(client, "agent")

    page = client.get("/annuaire/mon-organisme/").content.decode()
    assert establishment.managing_body.display_name in page
    assert page.count("Demander à rejoindre") == 1


def test_an_existing_account_is_linked_by_its_verified_address_and_lands_in_its_body(client):
    user = UserFactory(email="Anne.Agent@ars.example.fr")
    membership = MembershipFactory(user=user)

    response = sign_in(client, "agent")

    assert response.url == "/comptes/espace/"
    assert ProviderIdentity.objects.get(provider="proconnect", subject="agent").user == user
    assert User.objects.count() == 1
    dashboard = client.get(response.url).content.decode()
    assert membership.managing_body.display_name in dashboard


def test_the_next_sign_in_finds_the_identity_even_if_the_address_changed(client):
    user = UserFactory(email="autre.adresse@example.fr")
    ProviderIdentity.objects.create(user=user, provider="proconnect", subject="agent")

    sign_in(client, "agent", next_url="/observatoire/")

    assert client.session["_auth_user_id"] == str(user.pk)
    assert not User.objects.filter(email="anne.agent@ars.example.fr").exists()


def test_a_safe_next_is_followed_and_a_foreign_one_is_not(client):
    UserFactory(email="anne.agent@ars.example.fr")
    assert sign_in(client, "agent", next_url="/observatoire/").url == "/observatoire/"
    client.logout()
    foreign = sign_in(client, "agent", next_url="https://evil.example/")
    assert foreign.url == "/annuaire/mon-organisme/"


def test_an_unverified_address_is_neither_linked_nor_used(client, settings, provider_url):
    settings.OIDC_PROVIDERS = provider_settings(provider_url, trust_email=False)
    UserFactory(email="non.verifiee@example.fr")

    response = sign_in(client, "unverified")

    assert response.url == "/comptes/connexion/"
    assert "_auth_user_id" not in client.session
    assert not ProviderIdentity.objects.exists()
    page = client.get(response.url).content.decode()
    assert "n&#x27;a pas confirmé votre adresse e-mail" in page


def test_a_staff_account_is_not_linked(client):
    UserFactory(email="anne.agent@ars.example.fr", is_staff=True)

    response = sign_in(client, "agent")

    assert response.url == "/comptes/connexion/"
    assert "_auth_user_id" not in client.session


def test_pro_sante_connect_signs_in_through_the_same_path(client, settings, provider_url):
    settings.OIDC_PROVIDERS = provider_settings(provider_url) | psc_settings(provider_url)
    page = client.get("/comptes/connexion/").content.decode()
    assert "S’identifier avec ProConnect" in page and "S’identifier avec Pro Santé Connect" in page
    user = UserFactory(email="infirmier@ehpad.example.fr")
    MembershipFactory(user=user)

    # Pro Santé Connect's address is trusted only when verified: the account exists but the
    # provider does not confirm the address.
    assert sign_in(client, "nurse", provider="pro-sante-connect").url == "/comptes/connexion/"
    ProviderIdentity.objects.create(user=user, provider="pro-sante-connect", subject="nurse")
    assert sign_in(client, "nurse", provider="pro-sante-connect").url == "/comptes/espace/"
    assert client.session["oidc_provider"] == "pro-sante-connect"


def test_signing_out_goes_through_the_provider(client):
    UserFactory(email="anne.agent@ars.example.fr")
    sign_in(client, "agent")
    id_token = client.session["oidc_id_token"]

    response = client.post("/comptes/deconnexion/")

    assert "_auth_user_id" not in client.session
    params = query(response.url)
    assert response.url.startswith("http://127.0.0.1:") and "/session/end" in response.url
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == "http://testserver/"


def test_a_password_session_signs_out_as_before(client):
    user = UserFactory()
    client.force_login(user)
    assert client.post("/comptes/deconnexion/").url == "/"
