"""Journey: an organisation offers its DPO two days a month; another finds the offer
(anonymised), asks to be put in touch; the first accepts and both see each other's names."""

import datetime
import re

from playwright.sync_api import expect

from mutualis.sharing.reference import load_skills, load_vehicles
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.grappes.conftest import body_with


def test_offer_a_dpo_find_it_request_and_accept(page, live_server, directory_data):
    load_vehicles()
    load_skills()
    _offering, offering_admin = body_with(2, "Association Offrante")
    _seeking, seeking_admin = body_with(2, "Association Cherchante")
    base = live_server.url
    today = datetime.date.today()

    # The first organisation publishes its offer.
    sign_in(page, base, offering_admin.email)
    page.get_by_role("link", name="Partage").first.click()
    expect(page.get_by_role("heading", level=1, name="Partage de ressources")).to_be_visible()
    page.get_by_role("link", name="Publier une offre ou un besoin").click()
    page.get_by_text("Offre", exact=True).click()
    page.get_by_label("Compétence, équipement ou service").select_option("dpo")
    page.get_by_label("Titre").fill("DPO 2 jours par mois")
    page.get_by_label(re.compile("Temps partagé")).fill("2")
    page.get_by_label("Début").fill(today.isoformat())
    page.get_by_label("Fin", exact=True).fill((today + datetime.timedelta(days=365)).isoformat())
    page.get_by_label("Cadre juridique proposé").select_option("pret-non-lucratif")
    page.get_by_text("Tous", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("Annonce publiée.")).to_be_visible()
    expect(page.get_by_text(re.compile("Code du travail, art. L.8241-1"))).to_be_visible()
    assert_accessible(page)

    # The second finds it without the first's name and asks to be put in touch.
    page.context.clear_cookies()
    sign_in(page, base, seeking_admin.email)
    page.goto(base + "/partage/")
    page.get_by_label("Compétence").select_option("dpo")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Association Offrante")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="DPO 2 jours par mois").click()
    page.get_by_label("Votre message").fill("Nous cherchons un DPO pour nos deux EHPAD.")
    page.get_by_role("button", name="Demander une mise en relation").click()
    expect(page.get_by_text(re.compile("Demande de mise en relation envoyée"))).to_be_visible()
    assert_accessible(page)

    # The first accepts; the names and contacts appear on both sides.
    page.context.clear_cookies()
    sign_in(page, base, offering_admin.email)
    page.goto(base + "/partage/mes-annonces/")
    expect(page.get_by_text("Nous cherchons un DPO pour nos deux EHPAD.")).to_be_visible()
    expect(page.get_by_text("Association Cherchante")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Accepter la demande sur DPO 2 jours par mois").click()
    expect(page.get_by_text(re.compile("Demande acceptée"))).to_be_visible()
    expect(page.get_by_text("Organisme : Association Cherchante")).to_be_visible()
    expect(page.get_by_role("link", name=seeking_admin.email)).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, base, seeking_admin.email)
    page.goto(base + "/partage/mes-annonces/")
    expect(page.get_by_text("Organisme : Association Offrante")).to_be_visible()
    expect(page.get_by_role("link", name=offering_admin.email)).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
