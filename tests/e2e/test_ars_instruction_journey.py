"""Journey: an ARS actor finds a deposited grappe from the home page, asks for a completion
with a reason; the carrier reads the reason and deposits again; the ARS retains it; the
carrier downloads the application pack."""

import re

from django.core import mail
from playwright.sync_api import expect

from mutualis.directory.models import Solution
from mutualis.grappes import services
from mutualis.grappes.models import Grappe
from mutualis.grappes.reference import load_programme_rules
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import checked_segur, regional_actor
from tests.grappes.conftest import body_with
from tests.grappes.deposit import deposited


def decide(page, decision: str, reason: str = "") -> None:
    page.locator("label", has_text=re.compile(f"^\\s*{decision}\\s*$")).click()
    if reason:
        page.get_by_label("Motif").fill(reason)
    page.get_by_role("button", name="Enregistrer la décision").click()


def test_the_ars_instructs_a_deposited_grappe(page, live_server, directory_data):
    load_programme_rules()
    solution = checked_segur(Solution.objects.order_by("pk").first())
    carrier = body_with(10, "Association Porteuse")
    partner = body_with(6, "Fondation Partenaire")
    grappe = deposited(carrier, partner, solution)
    services.simulate_funding(carrier[1], grappe)
    ars = regional_actor("84")

    # The ARS finds the deposited grappe from its home page.
    sign_in(page, live_server.url, ars.email)
    page.get_by_role("link", name="Accueil", exact=True).first.click()
    page.get_by_role("link", name="1 grappe déposée à instruire").click()
    table = page.get_by_role("table", name=re.compile("Grappes à instruire"))
    expect(table).to_contain_text("Association Porteuse")
    expect(table).to_contain_text("Éligible (16 ESSMS)")
    assert_accessible(page)
    table.get_by_role("link", name="Grappe de l'Ain", exact=True).click()

    # It asks for a completion, with a reason.
    expect(page.get_by_role("heading", name="Instruction de la grappe")).to_be_visible()
    assert_accessible(page)
    decide(page, "À compléter")
    expect(page.get_by_text("Motivez la décision")).to_be_visible()
    decide(page, "À compléter", "Joignez le calendrier de déploiement par ESSMS.")
    expect(page.get_by_text("Décision enregistrée : « À compléter »")).to_be_visible()
    assert mail.outbox[-1].to == [carrier[1].email]

    # The carrier reads the reason and deposits again.
    page.context.clear_cookies()
    sign_in(page, live_server.url, carrier[1].email)
    page.goto(f"{live_server.url}/grappes/{grappe.uid}/")
    decision = page.locator("#decision")
    expect(decision).to_contain_text("À compléter")
    expect(decision).to_contain_text("Motif : Joignez le calendrier de déploiement par ESSMS.")
    assert_accessible(page)
    page.get_by_role("button", name="Déposer à nouveau la grappe complétée").click()
    expect(page.get_by_text("Grappe : Déposée.")).to_be_visible()
    expect(page.get_by_role("button", name="Retenue")).to_have_count(0)

    # The ARS retains it.
    page.context.clear_cookies()
    sign_in(page, live_server.url, ars.email)
    page.goto(f"{live_server.url}/grappes/instruction/?etat=submitted")
    page.get_by_role("link", name="Grappe de l'Ain", exact=True).click()
    decide(page, "Retenue")
    expect(page.get_by_text("Décision enregistrée : « Retenue »")).to_be_visible()
    assert Grappe.objects.get().status == Grappe.Status.SELECTED

    # The carrier downloads the application pack.
    page.context.clear_cookies()
    sign_in(page, live_server.url, carrier[1].email)
    page.goto(f"{live_server.url}/grappes/{grappe.uid}/")
    expect(page.locator("#decision")).to_contain_text("Retenue")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger le dossier de candidature")).click()
    assert download.value.suggested_filename == "dossier-candidature-grappe-de-lain-2024.zip"
    assert page.console_errors == []
