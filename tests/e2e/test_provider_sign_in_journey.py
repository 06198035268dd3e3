"""Journey: a newcomer signs in with ProConnect (a real OpenID Connect provider started for the
test), is proposed the managing body of the SIRET it gave, asks to join; once accepted, signs
out (of the provider too) and in again, and lands in the organisation's space."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from mutualis.accounts import services as account_services
from mutualis.accounts.models import JoinRequest, MembershipRole
from tests.accounts.oidc import provider_settings
from tests.e2e.conftest import assert_accessible
from tests.factories import EstablishmentFactory, MembershipFactory
from tests.oidc_provider import running_provider


@pytest.fixture
def proconnect(live_server, settings):
    clients = [
        {
            "client_id": "mutualis",
            "redirect_uris": [f"{live_server.url}/comptes/oidc/retour/"],
            "post_logout_redirect_uris": [f"{live_server.url}/"],
        }
    ]
    with running_provider(clients) as discovery_url:
        cache.clear()
        settings.OIDC_PROVIDERS = provider_settings(discovery_url)
        origin = discovery_url.split("/.well-known")[0]
        policy = settings.CONTENT_SECURITY_POLICY
        directives = policy["DIRECTIVES"] | {
            "form-action": [*policy["DIRECTIVES"]["form-action"], origin]
        }
        settings.CONTENT_SECURITY_POLICY = policy | {"DIRECTIVES": directives}
        yield


def sign_in_at_provider(page, login: str) -> None:
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("mot-de-passe")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_sign_in_with_proconnect_and_land_in_the_organisation(
    page, live_server, directory_data, proconnect
):
    establishment = EstablishmentFactory(name="EHPAD LES TILLEULS")
    body = establishment.managing_body
    body.siren = "775680881"
    body.save(update_fields=["siren"])
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    base = live_server.url

    page.goto(base + "/comptes/connexion/")
    assert_accessible(page)
    sign_in_at_provider(page, "agent")

    expect(page.get_by_role("heading", name="Votre organisme", exact=True)).to_be_visible()
    expect(page.get_by_text("77568088100019").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Demander à rejoindre {body.display_name}").click()
    expect(page.get_by_label(re.compile("Message"))).to_have_value(
        re.compile("SIRET 77568088100019")
    )
    page.get_by_role("button", name="Envoyer la demande").click()
    account_services.decide_join_request(admin, JoinRequest.objects.get(), accept=True)

    # Signing out of Mutualis signs out of the provider, then comes back home.
    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(re.compile(re.escape(base) + r"/(\?state=\w+)?$"))

    page.goto(base + "/comptes/connexion/")
    sign_in_at_provider(page, "agent")
    expect(page).to_have_url(base + "/comptes/espace/")
    expect(page.get_by_text(body.display_name).first).to_be_visible()
    assert_accessible(page)
