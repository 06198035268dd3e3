"""Journey: from an accepted sharing request, prepare the convention de mise à disposition,
both bodies' administrators sign it, download the signed PDF, record days used."""

from django.utils import timezone
from playwright.sync_api import expect

from mutualis.sharing.reference import load_skills, load_vehicles
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.sharing.loan_factories import accepted_request, body_and_admin


def test_prepare_sign_and_record_days(
    browser, page, live_server, directory_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_vehicles()
    load_skills()
    provider = body_and_admin("Association des Volcans", finess="630000019")
    beneficiary = body_and_admin("Fondation du Puy", finess="630000027")
    accepted_request(provider[0], beneficiary[0])

    sign_in(page, live_server.url, beneficiary[1].email)
    page.goto(f"{live_server.url}/partage/mes-annonces/")
    page.get_by_role("link", name="Préparer la convention de mise à disposition").click()
    expect(
        page.get_by_role("heading", name="Préparer la convention de mise à disposition")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Coût par jour refacturé (€)").fill("350")
    page.get_by_label("Mode de calcul du coût").select_option("flat")
    page.get_by_role("button", name="Préparer la convention").click()
    expect(page.get_by_text("sans marge").first).to_be_visible()  # refused: a margin
    page.get_by_label("Mode de calcul du coût").select_option("at_cost")
    page.get_by_role("button", name="Préparer la convention").click()
    expect(page.get_by_text("Convention préparée")).to_be_visible()
    expect(page.locator(".fr-badge", has_text="Projet")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nom du signataire").fill("Paul Durand")
    page.get_by_label("Qualité du signataire").fill("Président")
    page.get_by_role("button", name="Signer la convention").click()
    expect(page.get_by_text("Signature enregistrée.")).to_be_visible()
    expect(page.locator(".fr-badge", has_text="En signature")).to_be_visible()
    loan_url = page.url

    other = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    lender = other.new_page()
    sign_in(lender, live_server.url, provider[1].email)
    lender.goto(live_server.url + "/")
    lender.get_by_role(
        "link",
        name="Convention de mise à disposition « Délégué à la protection des données (DPO) » "
        "à signer",
    ).click()
    lender.get_by_label("Nom du signataire").fill("Claire Martin")
    lender.get_by_label("Qualité du signataire").fill("Directrice générale")
    lender.get_by_role("button", name="Signer la convention").click()
    expect(lender.locator(".fr-badge", has_text="Signée")).to_be_visible()
    other.close()

    page.goto(loan_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Version 1, signée — PDF").click()
    assert download.value.suggested_filename.endswith("-v1-signee.pdf")
    month = timezone.localdate().replace(day=1)
    page.get_by_label("Mois").fill(f"{month:%Y-%m}")
    page.get_by_label("Jours réalisés").fill("2")
    page.get_by_role("button", name="Enregistrer les jours").click()
    expect(page.get_by_text(f"Jours de {month:%m/%Y} enregistrés.")).to_be_visible()
    expect(page.get_by_role("table", name="Jours réalisés par mois")).to_contain_text(
        f"{month:%m/%Y}"
    )
    assert_accessible(page)
    assert page.console_errors == []
