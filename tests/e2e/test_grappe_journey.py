"""Journey: build a grappe, watch its eligibility change, simulate funding and export it."""

import re

from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import Solution
from mutualis.grappes.reference import load_programme_rules
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    checked_segur,
)


def test_build_a_grappe_and_simulate_its_funding(page, live_server, directory_data):
    load_programme_rules()
    solution = checked_segur(Solution.objects.order_by("pk").first())
    body = ManagingBodyFactory(name="Association Porteuse", establishment_count=15)
    EstablishmentFactory.create_batch(15, managing_body=body)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    sign_in(page, live_server.url, admin.email)

    page.get_by_role("link", name="Grappes").first.click()
    assert_accessible(page)
    page.get_by_label("Nom de la grappe").fill("Grappe de l'Ain")
    page.get_by_label("Campagne (année)").select_option("2022")
    page.get_by_role("button", name="Créer la grappe").click()
    expect(page.get_by_text("Grappe « Grappe de l'Ain » créée")).to_be_visible()
    expect(page.get_by_role("heading", name="Grappe pas encore éligible")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Choisir nos ESSMS").click()
    page.get_by_label("Situation").select_option("no_dui")
    page.get_by_label("Solution DUI").select_option(str(solution.pk))
    rows = page.locator("tbody tr")
    for index in range(14):
        rows.nth(index).locator("label.fr-label").click()  # the DSFR checkbox
    expect(page.locator("#eligibilite")).to_contain_text(
        "14 ESSMS éligibles : il en faut au moins 15."
    )
    rows.nth(14).locator("label.fr-label").click()
    expect(page.locator("#eligibilite")).to_contain_text("15 ESSMS éligibles — appel régional")
    assert_accessible(page)
    page.get_by_role("button", name="Appliquer").click()
    expect(page.get_by_text("ESSMS enregistrés : 15 ESSMS ajoutés.")).to_be_visible()
    page.get_by_role("link", name="Retour à la grappe").click()
    expect(page.get_by_role("heading", name="Grappe éligible")).to_be_visible()

    page.get_by_role("button", name="Simuler le financement").click()
    expect(page.get_by_role("table", name="Scénarios côte à côte")).to_contain_text("Total")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (XLSX)").click()
    assert re.match(r"simulation-grappe-de-lain-2022-.*\.xlsx", download.value.suggested_filename)
    assert page.console_errors == []
