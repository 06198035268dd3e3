"""Journey: a member declares a solution outside the list, sees it, and meets the French
message of a contradiction; the form works without JavaScript too."""

import re

from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import EstablishmentFactory, MembershipFactory

NO_DUI_SOLUTION = "Sans DUI, aucune solution ne peut être indiquée"


def edit_profile(page, base, establishment):
    page.goto(f"{base}/annuaire/etablissements/{establishment.finess}/")
    page.get_by_role("link", name="Modifier le profil SI").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Profil SI de")


def test_declare_another_solution_then_meet_a_contradiction(page, live_server, directory_data):
    establishment = EstablishmentFactory(name="EHPAD LES CHARMES")
    member = MembershipFactory(
        managing_body=establishment.managing_body, role=MembershipRole.MEMBER
    ).user
    sign_in(page, live_server.url, member.email)
    edit_profile(page, live_server.url, establishment)
    other_fields = page.locator("#autre-solution")
    expect(other_fields).to_be_hidden()  # revealed by the choice only
    assert_accessible(page)

    page.get_by_label("Dossier usager informatisé").select_option(label="DUI partiellement déployé")
    page.get_by_label("Solution DUI").select_option(label="Autre solution (préciser)")
    expect(other_fields).to_be_visible()
    page.get_by_label("Nom de l'autre solution").fill("Dossier Maison")
    page.get_by_label("Éditeur de l'autre solution").fill("Éditeur Régional")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Le profil SI a été enregistré.")).to_be_visible()
    expect(page.get_by_text("Dossier Maison — Éditeur Régional")).to_be_visible()
    expect(page.get_by_text("Autre solution, hors liste")).to_be_visible()
    assert_accessible(page)

    edit_profile(page, live_server.url, establishment)
    expect(other_fields).to_be_visible()
    expect(page.get_by_label("Nom de l'autre solution")).to_have_value("Dossier Maison")
    page.get_by_label("Dossier usager informatisé").select_option(label="Pas de DUI")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Le profil n'a pas été enregistré")).to_be_visible()
    expect(page.get_by_text(re.compile(NO_DUI_SOLUTION))).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_without_javascript_the_server_checks_the_other_solution(
    browser, live_server, directory_data
):
    establishment = EstablishmentFactory(name="EHPAD LES SAULES")
    member = MembershipFactory(managing_body=establishment.managing_body).user
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, member.email)
        edit_profile(page, live_server.url, establishment)
        expect(page.get_by_label("Nom de l'autre solution")).to_be_visible()

        page.get_by_label("Dossier usager informatisé").select_option(label="DUI déployé")
        page.get_by_label("Solution DUI").select_option(label="Autre solution (préciser)")
        page.get_by_label("Nom de l'autre solution").fill("Dossier Maison")
        page.get_by_role("button", name="Enregistrer").click()

        expect(page.get_by_text("Précisez le nom de l'éditeur de la solution.")).to_be_visible()
        page.get_by_label("Éditeur de l'autre solution").fill("Éditeur Régional")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_text("Dossier Maison — Éditeur Régional")).to_be_visible()
    finally:
        context.close()
