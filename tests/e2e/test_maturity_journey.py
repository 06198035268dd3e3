"""Journey: a member fills in the maturity self-assessment, submits it and reads the result."""

import re

from playwright.sync_api import expect

from mutualis.directory.models import ItProfile
from mutualis.initiatives.reference import load_initiative_types
from mutualis.maturity import services
from mutualis.maturity.models import Assessment, Indicator
from mutualis.maturity.referential import load_shipped_referentials
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import EstablishmentFactory, MembershipFactory, UserFactory, regional_actor
from tests.library.conftest import publish, write_report
from tests.maturity.pdf_raster import render_page
from tests.maturity.test_privacy_and_peers import submitted


def test_fill_submit_and_read_the_result(page, live_server, directory_data):
    load_shipped_referentials()
    establishment = EstablishmentFactory(name="EHPAD LES TILLEULS")
    member = MembershipFactory(managing_body=establishment.managing_body).user
    sign_in(page, live_server.url, member.email)

    page.get_by_role("link", name="Autodiagnostic").first.click()
    assert_accessible(page)
    page.get_by_label("Autodiagnostic de").select_option(value=establishment.finess)
    page.get_by_role("button", name="Commencer").click()
    expect(
        page.get_by_role("heading", level=2, name="1. Management et gestion des SI")
    ).to_be_visible()
    assert_accessible(page)

    # Choosing a palier saves it at once (htmx), with a spoken confirmation.
    page.locator("label[for='niveau-1-1-1-2']").click()
    expect(page.locator("#statut-1-1-1")).to_have_text("Réponse enregistrée")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_role("heading", level=2, name="2. Adéquation fonctionnelle")).to_be_visible()

    assessment = Assessment.objects.get()
    assert assessment.answers.get(indicator__code="1.1.1").level == 2
    for code in assessment.referential.dimensions.values_list(
        "themes__indicators__code", flat=True
    ):
        if code != "1.1.1":
            services.save_answer(member, assessment, code, 3)

    page.get_by_role("button", name="Soumettre l'autodiagnostic").click()
    expect(page.get_by_text("Autodiagnostic soumis : voici votre résultat.")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Score par dimension"))).to_be_visible()
    expect(page.get_by_role("table", name="Score par dimension (0 à 4)")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le résultat (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert page.console_errors == []


def test_prefilled_campaign_peers_gap_links_and_pdf(page, live_server, directory_data, tmp_path):
    """A second campaign starts pre-filled and marked; confirming updates the counters; a
    refused submission never invites to submit; the result shows peers and where gaps lead;
    the PDF carries the coloured radar."""
    load_shipped_referentials()
    load_initiative_types()
    establishment = EstablishmentFactory(name="EHPAD LES TILLEULS")
    body = establishment.managing_body
    member = MembershipFactory(managing_body=body).user
    ItProfile.objects.create(establishment=establishment, dui_status="deployed")
    codes = list(
        Indicator.objects.filter(theme__dimension__referential__is_current=True).values_list(
            "code", flat=True
        )
    )
    last_year = services.start_assessment(member, body, establishment, campaign=2025)
    for code in codes:
        services.save_answer(member, last_year, code, 0 if code.startswith("2.") else 2)
    services.submit_assessment(member, last_year)
    for level in (0, 1, 2, 3, 2):
        submitted(level)  # five peers of the same sector and size, this campaign
    report = publish(
        write_report(UserFactory(), "Déploiement d'un DUI dans trois EHPAD"), regional_actor("84")
    )
    sign_in(page, live_server.url, member.email)

    page.get_by_role("link", name="Autodiagnostic").first.click()
    page.get_by_label("Autodiagnostic de").select_option(value=establishment.finess)
    page.get_by_role("button", name="Commencer").click()
    marks = page.get_by_text("Pré-rempli depuis la campagne précédente — à confirmer")
    expect(marks.first).to_be_visible()
    total = len(codes)
    expect(page.locator("#etat-soumission")).to_contain_text(
        f"{total} réponses pré-remplies à confirmer"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Confirmer ce palier (1.1.1)").click()
    expect(page.locator("#statut-1-1-1")).to_have_text("Réponse enregistrée")
    expect(page.locator("#etat-soumission")).to_contain_text(
        f"{total - 1} réponses pré-remplies à confirmer"
    )
    expect(page.locator("#prefill-1-1-1")).to_be_empty()

    page.get_by_role("button", name="Soumettre l'autodiagnostic").click()
    expect(
        page.get_by_text("Confirmez ou corrigez d'abord les réponses pré-remplies")
    ).to_be_visible()
    assert "soumettez" not in page.content().lower()

    # The DUI question: last year's "paper" answer was replaced by the IT profile's.
    page.get_by_role("link", name=re.compile("2. Adéquation fonctionnelle")).click()
    expect(page.get_by_text("Pré-rempli depuis le profil SI — à confirmer")).to_be_visible()
    page.locator("label[for='niveau-2-1-1-0']").click()  # "dossier papier" again
    expect(page.locator("#contradiction-2-1-1")).to_contain_text(
        "Votre profil SI indique un DUI déployé"
    )
    assert_accessible(page)

    assessment = Assessment.objects.get(
        campaign=services.current_campaign(), establishment=establishment
    )
    for code in codes:
        if code != "1.1.1":
            services.save_answer(member, assessment, code, 1 if code.startswith("2.") else 3)
    page.reload()
    expect(page.locator("#etat-soumission")).to_contain_text("vous pouvez soumettre")
    page.get_by_role("button", name="Soumettre l'autodiagnostic").click()
    expect(page.get_by_text("Autodiagnostic soumis : voici votre résultat.")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Parmi vos pairs")).to_be_visible()
    expect(page.get_by_text(re.compile("la médiane de vos pairs"))).to_be_visible()
    link = page.get_by_role("link", name="Déploiement d'un DUI dans trois EHPAD")
    expect(link).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le résultat (PDF)").click()
    path = tmp_path / "resultat.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    image = render_page(str(path), 0)
    bluish = sum(n for n, (r, g, b) in image.getcolors(1 << 20) if b > 240 and r < 235 < g + 13)
    assert bluish > 5_000  # the radar's translucent blue area, not a black shape
    link.click()
    expect(page).to_have_url(re.compile(str(report.uid)))
    assert page.console_errors == []
