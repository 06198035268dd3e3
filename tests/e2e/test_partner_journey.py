"""Journeys: find partners for one's managing body, narrow them down, send a contact request;
complete one's grappe by inviting partners found for it."""

import re

from playwright.sync_api import expect

from mutualis.grappes import services
from mutualis.grappes.reference import load_programme_rules
from mutualis.grappes.selectors import current_campaign
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.grappes.conftest import body_with, extend_rules_to_this_year


def test_find_partners_and_send_a_request(page, live_server, directory_data):
    load_programme_rules()
    extend_rules_to_this_year()
    admin = body_with(6, "Association Porteuse")[1]
    partner, _ = body_with(4, "Association Voisine")
    far, _ = body_with(5, "Fondation Lointaine")
    far.establishments.update(latitude=45.0, longitude=3.0)  # same région, 200 km away
    for body in (partner, far):
        body.open_to_cooperation = True
        body.save()
    sign_in(page, live_server.url, admin.email)

    page.get_by_role("link", name="Grappes").first.click()
    page.get_by_role("link", name="Trouver des partenaires").click()
    expect(
        page.get_by_role("heading", level=3, name=re.compile("Association Voisine"))
    ).to_be_visible()
    expect(page.get_by_role("table", name="Détail du score de Association Voisine")).to_be_visible()
    expect(page.get_by_text("2 partenaires sur 2 organismes")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Distance maximale (km)").fill("50")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("1 partenaire sur 2 organismes")).to_be_visible()
    expect(
        page.get_by_role("heading", level=3, name=re.compile("Fondation Lointaine"))
    ).to_have_count(0)
    expect(page.get_by_label("Distance maximale (km)")).to_have_value("50")
    assert "distance_max=50" in page.url
    assert_accessible(page)

    page.get_by_label("Message à Association Voisine (facultatif)").fill("Formons une grappe ?")
    page.get_by_role("button", name="Demander un contact à Association Voisine").click()
    expect(page.get_by_text("Demande de contact envoyée à Association Voisine.")).to_be_visible()
    expect(page.get_by_text(re.compile("Association Voisine.*En attente"))).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_carrier_completes_its_grappe(page, live_server, directory_data):
    load_programme_rules()
    extend_rules_to_this_year()
    carrier, admin = body_with(6, "Association Porteuse")
    services.create_grappe(admin, carrier, "Grappe du Bugey", "generalisation", current_campaign())
    partner, _ = body_with(4, "Association Voisine")
    far, _ = body_with(5, "Fondation Lointaine")
    far.establishments.update(latitude=45.0, longitude=3.0)
    for body in (partner, far):
        body.open_to_cooperation = True
        body.save()
    sign_in(page, live_server.url, admin.email)

    page.get_by_role("link", name="Grappes").first.click()
    page.get_by_role("link", name="Grappe du Bugey").click()
    page.get_by_role("link", name="Compléter ma grappe").click()
    expect(
        page.get_by_role("heading", level=1, name="Compléter la grappe « Grappe du Bugey »")
    ).to_be_visible()
    card = page.get_by_role("region", name=re.compile("Association Voisine"))
    expect(card).to_contain_text("Utilise Mutualis")
    expect(card.get_by_role("table")).to_contain_text("/ 25")
    expect(page.get_by_text("2 partenaires sur 2 organismes")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Inviter dans la grappe Association Voisine").click()
    expect(
        page.get_by_text("Association Voisine est invité dans la grappe « Grappe du Bugey ».")
    ).to_be_visible()
    expect(page.get_by_text("1 partenaire sur 1 organisme")).to_be_visible()  # invited: gone
    assert_accessible(page)

    page.get_by_role("link", name="Retour à la grappe").click()
    expect(page.get_by_role("table").first).to_contain_text("Association Voisine")
    assert_accessible(page)
    assert page.console_errors == []
