"""Journey: a member fills in the maturity self-assessment, submits it and reads the result."""

import re

from playwright.sync_api import expect

from mutualis.maturity import services
from mutualis.maturity.models import Assessment
from mutualis.maturity.referential import load_shipped_referentials
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import EstablishmentFactory, MembershipFactory


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
