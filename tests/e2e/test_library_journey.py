"""Journeys in the experience-report library: search without accents, open a report and
read the highlighted terms; write a report, propose it, a regional actor publishes it."""

import re

import pytest
from playwright.sync_api import expect

from mutualis.library.demo import seed_demo_library
from mutualis.library.reference import load_cooperation_tags
from mutualis.territories.loaders import load_territories
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import UserFactory
from tests.library.conftest import regional_actor


@pytest.fixture
def library_data(transactional_db):
    load_territories()
    load_cooperation_tags()
    seed_demo_library()


def test_search_without_accents_and_read_a_report(page, live_server, library_data):
    page.goto(live_server.url + "/retours-experience/")
    expect(
        page.get_by_role("heading", name="Retours d'expérience de mutualisation")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("searchbox", name="Rechercher dans les retours d'expérience").fill(
        "securite du systeme d'information"
    )
    page.get_by_role("button", name="Rechercher").first.click()
    expect(page.get_by_role("status")).to_contain_text("1 retour d'expérience")
    result = page.get_by_role("link", name=re.compile("protection des données"))
    expect(page.locator("mark").first).to_have_text(re.compile("sécurité", re.I))
    assert_accessible(page)

    page.locator("label", has_text="Déclencheur commun").click()  # the DSFR checkbox
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("status")).to_contain_text("1 retour d'expérience")
    assert_accessible(page)

    result.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("DPO")
    marks = page.locator("main mark")
    expect(marks.first).to_be_visible()
    assert {m.lower() for m in marks.all_inner_texts()} >= {"sécurité", "systèmes", "information"}
    expect(page.get_by_role("heading", name="Éléments facilitants et freins")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions à l'auteur")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_write_propose_and_publish_a_report(page, live_server, library_data):
    author = UserFactory(email="autrice@example.org")
    moderator = regional_actor("84")
    sign_in(page, live_server.url, author.email)
    page.goto(live_server.url + "/retours-experience/")
    page.get_by_role("link", name="Rédiger un retour d'expérience").click()
    assert_accessible(page)
    page.get_by_label("Titre").fill("Une messagerie sécurisée partagée")
    page.get_by_label("Région").select_option("84")
    page.get_by_label("Contexte").fill("Trois associations voisines.")
    page.get_by_label("Ce qui a été mutualisé").fill("La messagerie et l'annuaire.")
    page.get_by_label("Ce qui a fonctionné").fill("Une migration par étapes.")
    page.locator("label", has_text="Portage stratégique fort").click()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Brouillon enregistré")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Proposer à la publication").click()
    expect(page.get_by_text("Retour proposé")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    sign_in(page, live_server.url, moderator.email)
    page.goto(live_server.url + "/retours-experience/moderation/")
    assert_accessible(page)
    page.get_by_role("link", name="Une messagerie sécurisée partagée").click()
    page.locator("label", has_text="Publier").click()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("« Une messagerie sécurisée partagée » publié.")).to_be_visible()

    page.goto(live_server.url + "/retours-experience/?q=messageries")
    expect(page.get_by_role("link", name=re.compile("Une messagerie"))).to_be_visible()
    assert page.console_errors == []
