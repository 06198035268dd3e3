"""Journey: each member names its representative, the agreement is submitted, signed by every
member, then amended; the amendment is compared with the signed text and signed in turn, the
signed original staying downloadable as it was."""

import datetime

from playwright.sync_api import expect
from pypdf import PdfReader

from mutualis.grappes.reference import load_programme_rules
from tests.agreements.conftest import build_grappe
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.grappes.conftest import body_with

PDF = b"%PDF-1.4\n% signed agreement\n"


def pdf_text(path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def name_representative(page, name: str, capacity: str, body: str) -> None:
    page.get_by_label("Nom du représentant").fill(name)
    page.get_by_label("Qualité du représentant").fill(capacity)
    page.get_by_role("button", name=f"Enregistrer le représentant de {body}").click()
    expect(page.get_by_text(f"Représentant de {body} enregistré")).to_be_visible()


def sign(page, body: str) -> None:
    page.get_by_label("Date de signature").fill(datetime.date.today().isoformat())
    page.get_by_label("Convention signée").set_input_files(
        {"name": "convention-signee.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Enregistrer la signature").click()
    expect(page.get_by_text(f"Signature de {body} enregistrée.")).to_be_visible()


def test_prepare_sign_amend_and_sign_again(
    browser, page, live_server, directory_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_programme_rules()
    carrier = body_with(10, "Association des Volcans", finess="630000019")
    partner = body_with(6, "Fondation du Puy", finess="630000027")
    grappe = build_grappe([carrier, partner])
    agreement_url = f"{live_server.url}/cooperation/{grappe.uid}/convention/"

    partner_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    other = partner_context.new_page()
    other_errors: list[str] = []
    other.on("console", lambda msg: other_errors.append(msg.text) if msg.type == "error" else None)
    other.on("pageerror", lambda exc: other_errors.append(str(exc)))

    sign_in(page, live_server.url, carrier[1].email)
    page.goto(agreement_url)
    page.get_by_role("button", name="Préparer la convention").click()
    name_representative(page, "Claire Martin", "Directrice générale", "Association des Volcans")
    assert_accessible(page)

    sign_in(other, live_server.url, partner[1].email)
    other.goto(agreement_url)
    expect(other.get_by_text("Représentant de Association des Volcans")).to_have_count(0)
    name_representative(other, "Paul Durand", "Président", "Fondation du Puy")
    parties = other.get_by_role("table", name="Identité des membres dans la convention")
    expect(parties).to_contain_text("Paul Durand, Président")
    expect(parties).to_contain_text("630000027")

    page.reload()
    page.get_by_role("button", name="Soumettre aux membres pour relecture et signature").click()
    expect(page.get_by_text("Convention : en relecture.")).to_be_visible()
    expect(page.get_by_label("Nom du signataire")).to_have_value("Claire Martin")
    sign(page, "Association des Volcans")
    other.reload()
    sign(other, "Fondation du Puy")
    other.reload()
    expect(other.locator(".fr-badge", has_text="Signée")).to_be_visible()
    assert_accessible(other)
    with other.expect_download() as download:
        other.get_by_role("link", name="PDF signé de la version 1").click()
    assert download.value.suggested_filename == "convention-grappe-des-volcans-v1-signee.pdf"
    signed = pdf_text(download.value.path())
    assert "signée par tous les membres" in signed and "Projet — version" not in signed
    assert "Paul Durand, Président" in signed and "Claire Martin, Directrice générale" in signed

    page.reload()
    page.get_by_role("button", name="Préparer un avenant").click()
    expect(page.get_by_text("Avenant n° 1 en préparation")).to_be_visible()
    page.get_by_role("link", name="modifier « Article 5 — Responsabilité »").click()
    page.get_by_label("Texte").fill("Chaque membre répond seul de ses engagements.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("button", name="Soumettre aux membres pour relecture et signature").click()
    expect(page.locator(".fr-badge", has_text="Avenant n° 1 : en relecture")).to_be_visible()
    page.get_by_role("link", name="Comparer l'avenant n° 1 (version 2) avec le texte signé").click()
    expect(page.get_by_role("heading", name="Article 5 — Responsabilité")).to_be_visible()
    expect(page.locator("ins", has_text="répond")).to_be_visible()
    assert_accessible(page)

    page.goto(agreement_url)
    sign(page, "Association des Volcans")
    other.reload()
    sign(other, "Fondation du Puy")
    other.reload()
    expect(other.locator(".fr-badge", has_text="Avenant n° 1 : signée")).to_be_visible()
    with other.expect_download() as download:
        other.get_by_role("link", name="PDF signé de la version 2").click()
    assert download.value.suggested_filename == "avenant-1-grappe-des-volcans-v2-signee.pdf"
    amendment = pdf_text(download.value.path())
    assert "Avenant n° 1 à la convention de coopération" in amendment
    assert "Article 5 — Responsabilité : rédaction modifiée." in amendment
    with other.expect_download() as download:
        other.get_by_role("link", name="PDF signé de la version 1").click()
    assert pdf_text(download.value.path()) == signed  # the original, as it was signed
    assert page.console_errors == [] and other_errors == []
    partner_context.close()
