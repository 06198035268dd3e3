"""Journey: a director shares a result with the région; the regional actor finds it from the
cockpit of its space, in the regional follow-up, and opens it."""

import re

from playwright.sync_api import expect

from mutualis.maturity.referential import load_shipped_referentials
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import regional_actor
from tests.grappes.conftest import body_with, submitted


def test_a_shared_result_is_found_from_the_regional_cockpit(page, live_server, directory_data):
    load_shipped_referentials()
    body, director = body_with(3, "Association des Tilleuls")
    assessment = submitted(director, body)
    actor = regional_actor("84")
    result_path = f"/maturite/autodiagnostics/{assessment.uid}/resultat/"

    # The director shares the result with the région.
    sign_in(page, live_server.url, director.email)
    page.goto(live_server.url + result_path)
    page.locator("button[name='partage'][value='oui']").click()
    expect(page.get_by_text("Réponses partagées avec l'autorité régionale.")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # The regional actor's space is the cockpit of its région, named.
    sign_in(page, live_server.url, actor.email)
    page.get_by_role("link", name="Mon espace").first.click()
    expect(
        page.get_by_role("heading", level=2, name="Tableau de bord : Auvergne-Rhône-Alpes")
    ).to_be_visible()
    cockpit = page.locator("#cockpit")
    expect(cockpit).to_contain_text("Autodiagnostics partagés avec la région : 1")
    expect(cockpit).not_to_contain_text(re.compile(r"\b84\b"))
    assert_accessible(page)

    # The regional follow-up: counters, the rates map with its table, the shared assessment.
    cockpit.get_by_role("link", name="Suivi régional des autodiagnostics").click()
    expect(
        page.get_by_role("heading", level=1, name="Suivi régional des autodiagnostics")
    ).to_be_visible()
    expect(page.locator("#compteurs")).to_contain_text("Soumis : 3")
    expect(
        page.get_by_role("table", name=re.compile("Autodiagnostics soumis par département"))
    ).to_contain_text("Ain")
    expect(page.locator("svg.mutualis-choro path")).to_have_count(12)
    assert_accessible(page)

    page.get_by_role("link", name="Mon espace").first.click()
    page.locator("#cockpit").get_by_role(
        "link", name="Autodiagnostics partagés avec la région"
    ).click()
    shared = page.get_by_role("table", name="Autodiagnostics partagés")
    expect(shared).to_contain_text("Association des Tilleuls")
    expect(shared).to_contain_text("Palier 2")
    assert_accessible(page)

    shared.get_by_role("link", name=re.compile("Voir le résultat")).click()
    expect(page).to_have_url(re.compile(re.escape(result_path) + "$"))
    expect(page.get_by_role("heading", level=1, name=re.compile("Résultat"))).to_be_visible()
    assert page.console_errors == []
