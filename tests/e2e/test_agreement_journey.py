"""Journey: evaluate the cooperation, prepare and download the agreement, record signatures."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from mutualis.agreements import referential, services
from mutualis.grappes.reference import load_programme_rules
from tests.agreements.conftest import build_grappe
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.grappes.conftest import body_with

PDF = b"%PDF-1.4\n% signed agreement\n"


def test_evaluate_cooperate_and_sign(page, live_server, directory_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_programme_rules()
    carrier, partner = (
        body_with(10, "Association des Volcans", finess="630000019"),
        body_with(6, "Fondation du Puy", finess="630000027"),
    )
    grappe = build_grappe([carrier, partner])
    sign_in(page, live_server.url, carrier[1].email)
    page.goto(f"{live_server.url}/grappes/{grappe.uid}/")
    page.get_by_role("link", name="Évaluer notre projet de coopération").click()
    expect(page.get_by_role("heading", name="Évaluer notre projet de coopération")).to_be_visible()
    assert_accessible(page)
    for question in referential.questions():
        page.locator(f"label[for='q-{question.code}-4']").click()
    page.locator("label[for='q-EQU2-1']").click()
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    expect(page.get_by_text("Vos réponses sont enregistrées.")).to_be_visible()
    expect(page.get_by_text("La synthèse apparaîtra quand au moins 2 membres")).to_be_visible()

    partner_member = grappe.members.get(managing_body=partner[0])
    services.save_cooperation_answers(
        partner[1], partner_member, {q.code: 2 for q in referential.questions()}
    )
    page.reload()
    table = page.get_by_role("table", name="Moyenne par axe (1 à 4) et écart entre membres")
    expect(table).to_contain_text("Finalité commune")
    expect(page.get_by_text("Montrez l'autonomie de chaque membre")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/grappes/{grappe.uid}/")
    page.get_by_role("link", name="Convention de coopération").click()
    page.get_by_role("button", name="Préparer la convention").click()
    expect(page.get_by_text("Convention préparée")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="modifier « Article 5 — Responsabilité »").click()
    page.get_by_label("Texte").fill("Chaque membre répond de ses engagements envers {{ porteur }}.")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_label("Note de version (facultatif)").fill("Première lecture")
    # While the server generates, the form says so and refuses a second submission (the
    # server's answer is held back as "204 No Content": the page stays as the user sees it).
    held = []
    page.route(
        "**/convention/versions/",
        lambda route: (held.append(route.request), route.fulfill(status=204)),
    )
    generate = page.get_by_role("button", name="Générer une nouvelle version (DOCX et PDF)")
    generate.click()
    expect(page.get_by_role("status").filter(has_text="Génération de la version")).to_be_visible()
    expect(generate).to_have_attribute("aria-disabled", "true")
    generate.click(force=True)  # a second click sends nothing
    page.wait_for_timeout(300)
    assert len(held) == 1
    page.unroute("**/convention/versions/")
    page.reload()
    page.get_by_label("Note de version (facultatif)").fill("Première lecture")
    generate.click()
    expect(page.get_by_text("Version 1 générée (DOCX et PDF).")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF de la version 1").click()
    assert download.value.suggested_filename.endswith("-v1.pdf")

    page.get_by_role("button", name="Soumettre aux membres pour relecture et signature").click()
    expect(page.get_by_text("Convention : en relecture.")).to_be_visible()
    page.get_by_label("Nom du signataire").fill("Claire Martin")
    page.get_by_label("Qualité du signataire").fill("Directrice générale")
    signed_on = datetime.date.today()
    page.get_by_label("Date de signature").fill(signed_on.isoformat())
    page.get_by_label("Convention signée").set_input_files(
        {"name": "convention-signee.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer la signature").click()
    expect(page.get_by_text("Signature de Association des Volcans enregistrée.")).to_be_visible()
    with translation.override("fr"):
        shown_date = date_format(signed_on, "j F Y")
    expect(page.get_by_text(f"Signée le {shown_date} par Claire Martin")).to_be_visible()

    services.record_signature(
        partner[1],
        partner_member,
        signatory="Paul Durand",
        capacity="Président",
        signed_on=datetime.date.today(),
        scan=SimpleUploadedFile("scan.pdf", PDF),
        scan_type="application/pdf",
    )
    page.reload()
    expect(page.locator(".fr-badge", has_text="Signée")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
