"""Journey: propose an initiative, moderate it, find it on the map and in the typology."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import EstablishmentFactory, ManagingBodyFactory, UserFactory, regional_actor


def test_propose_moderate_and_find_on_the_map(page, live_server, directory_data):
    body = ManagingBodyFactory(name="Association Alpha", finess="010000024")
    EstablishmentFactory.create_batch(2, managing_body=body)
    author, moderator = UserFactory(), regional_actor("84")
    base = live_server.url

    sign_in(page, base, author.email)
    page.get_by_role("link", name="Initiatives").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Proposer une initiative").click()
    page.get_by_label("Titre").fill("Cahier des charges commun de l'Ain")
    page.get_by_label("Type").select_option(label="Cahier des charges commun")
    page.locator("label", has_text="Dossier usager informatisé (DUI)").click()  # DSFR checkbox
    page.get_by_label("Description").fill("Deux associations décrivent ensemble leur DUI.")
    page.get_by_label("Région").select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_label("Organismes membres").fill("010000024\n12345")
    assert_accessible(page)
    page.get_by_role("button", name="Proposer l'initiative").click()
    expect(
        page.get_by_text("Ligne 2 : Aucun organisme gestionnaire ne correspond à « 12345 »")
    ).to_be_visible()
    page.get_by_label("Organismes membres").fill("010000024")
    page.get_by_role("button", name="Proposer l'initiative").click()
    expect(page.get_by_text("elle sera publiée après relecture")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, base, moderator.email)
    page.goto(base + "/initiatives/moderation/")
    assert_accessible(page)
    page.get_by_role("link", name="Cahier des charges commun de l'Ain").click()
    page.locator("label", has_text="Publier").click()  # DSFR radio
    page.get_by_role("button", name="Valider la décision").click()
    expect(page.get_by_text("« Cahier des charges commun de l'Ain » publiée.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(base + "/initiatives/")
    expect(page.get_by_role("link", name="Cahier des charges commun de l'Ain")).to_be_visible()
    expect(page.locator("#carte-initiatives-statut")).to_contain_text("1 lieu affiché")
    page.locator("#carte-initiatives .leaflet-marker-icon").first.click()
    expect(page.locator(".mutualis-map__popup")).to_contain_text(
        "Cahier des charges commun de l'Ain — Association Alpha"
    )
    # The popup fades in: check its contrast once it is opaque.
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert_accessible(page)
    page.get_by_role("link", name="Typologie des mutualisations").click()
    expect(page.get_by_role("table", name="Initiatives par type")).to_contain_text(
        "Cahier des charges commun"
    )
    assert_accessible(page)
    assert page.console_errors == []
