"""Journey: find partners for one's managing body and send a contact request."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.grappes.conftest import body_with


def test_find_partners_and_send_a_request(page, live_server, directory_data):
    admin = body_with(6, "Association Porteuse")[1]
    partner, _ = body_with(4, "Association Voisine")
    partner.open_to_cooperation = True
    partner.save()
    sign_in(page, live_server.url, admin.email)

    page.get_by_role("link", name="Grappes").first.click()
    page.get_by_role("link", name="Trouver des partenaires").click()
    expect(
        page.get_by_role("heading", level=3, name=re.compile("Association Voisine"))
    ).to_be_visible()
    expect(page.get_by_role("table", name="Détail du score de Association Voisine")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Message à Association Voisine (facultatif)").fill("Formons une grappe ?")
    page.get_by_role("button", name="Demander un contact à Association Voisine").click()
    expect(page.get_by_text("Demande de contact envoyée à Association Voisine.")).to_be_visible()
    expect(page.get_by_text(re.compile("Association Voisine.*En attente"))).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
