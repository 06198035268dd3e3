"""Journey: sign up through the link e-mailed, ask to join a managing body, its administrator
accepts and manages members, the new member fills in the IT profile of one of its
establishments."""

import re

from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, EstablishmentFactory, MembershipFactory

NEWCOMER = "claire.martin@example.org"


def sign_in(page, base_url, email):
    page.goto(base_url + "/comptes/connexion/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(email)
    page.get_by_label(re.compile("Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_join_a_managing_body_and_fill_in_an_it_profile(
    browser, page, live_server, directory_data, mailoutbox
):
    establishment = EstablishmentFactory(name="EHPAD LES TILLEULS")
    body = establishment.managing_body
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    base = live_server.url

    # A newcomer signs up and asks to join the managing body.
    page.goto(base + "/comptes/inscription/")
    assert_accessible(page)
    page.get_by_label(re.compile("Prénom")).fill("Claire")
    page.get_by_label(re.compile(r"\bNom\b")).fill("Martin")
    page.get_by_label(re.compile("Adresse e-mail professionnelle")).fill(NEWCOMER)
    page.get_by_label(re.compile("Mot de passe")).fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", name="Vérifiez votre messagerie")).to_be_visible()
    assert_accessible(page)
    link = re.search(r"http://\S+/comptes/inscription/confirmer/\S+", mailoutbox[-1].body)
    page.goto(link.group(0))
    assert_accessible(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("Vous n'êtes rattaché à aucun organisme")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/annuaire/organismes/{body.finess}/")
    page.get_by_role("link", name="Demander à rejoindre cet organisme").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Message")).fill("Je suis la référente SI.")
    page.get_by_role("button", name=re.compile("Envoyer")).click()
    expect(page.get_by_text("Votre demande a été transmise")).to_be_visible()

    # The administrator accepts, then sees the new member on the members page.
    admin_page = browser.new_context(locale="fr-FR").new_page()
    sign_in(admin_page, base, admin.email)
    expect(admin_page.get_by_text("Je suis la référente SI.")).to_be_visible()
    assert_accessible(admin_page)
    admin_page.get_by_role("button", name="Accepter").click()
    expect(admin_page.get_by_text("Demande acceptée.")).to_be_visible()
    admin_page.get_by_role("link", name=re.compile("gérer les membres")).click()
    expect(admin_page.get_by_role("cell", name=NEWCOMER, exact=True)).to_be_visible()
    assert_accessible(admin_page)
    admin_page.context.close()

    # The new member fills in the IT profile of an establishment of the body.
    page.goto(f"{base}/annuaire/etablissements/{establishment.finess}/")
    page.get_by_role("link", name="Modifier le profil SI").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Dossier usager informatisé", re.I)).select_option(
        label="DUI déployé"
    )
    page.get_by_label(re.compile("Solution DUI", re.I)).select_option(index=1)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHPAD LES TILLEULS")
    expect(page.get_by_text("DUI déployé")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
