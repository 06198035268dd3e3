"""Journey: an organisation of 689 ESSMS chooses its ESSMS for a grappe: it filters them by
département, includes all those matching with their DUI project, confirms the change (above
50 ESSMS) and sees the grappe become eligible."""

from playwright.sync_api import expect

from mutualis.directory.models import Solution
from mutualis.grappes import services
from mutualis.grappes.reference import load_programme_rules
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import checked_segur
from tests.grappes.conftest import large_body


def test_a_large_organisation_chooses_its_essms(page, live_server, directory_data):
    load_programme_rules()
    solution = checked_segur(Solution.objects.order_by("pk").first())
    body, admin = large_body(689, "Grand Réseau")  # 230 in the Rhône, 459 in the Ain
    grappe = services.create_grappe(admin, body, "Grappe du Grand Réseau", "generalisation", 2024)
    sign_in(page, live_server.url, admin.email)

    page.goto(f"{live_server.url}/grappes/{grappe.uid}/")
    page.get_by_role("link", name="Choisir nos ESSMS").click()
    expect(
        page.get_by_text("689 ESSMS ouverts correspondent aux filtres — page 1 sur 14")
    ).to_be_visible()
    expect(page.locator("#synthese-essms")).to_contain_text("0 ESSMS dans la grappe")
    expect(page.get_by_role("heading", name="Grappe pas encore éligible")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Département").select_option("01")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("459 ESSMS ouverts correspondent aux filtres")).to_be_visible()

    page.get_by_text("Tous les ESSMS correspondant aux filtres").click()
    page.get_by_label("Situation").select_option("no_dui")
    page.get_by_label("Solution DUI").select_option(str(solution.pk))
    page.get_by_label("Hébergement").select_option("saas")
    expect(page.locator("#synthese-essms")).to_contain_text(
        "Avec ce changement (459 ESSMS ajoutés) : 459 ESSMS dans la grappe"
    )
    expect(page.get_by_role("heading", name="Grappe éligible")).to_be_visible()
    page.get_by_role("button", name="Appliquer").click()

    expect(page.get_by_role("heading", name="459 ESSMS seront modifiés")).to_be_visible()
    expect(page.get_by_text("Situation : Pas de DUI (acquisition)")).to_be_visible()
    assert grappe.establishments.count() == 0  # nothing written before the confirmation
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer et enregistrer").click()

    expect(page.get_by_text("ESSMS enregistrés : 459 ESSMS ajoutés.")).to_be_visible()
    expect(page.locator("#synthese-essms")).to_contain_text("459 ESSMS dans la grappe, dont 459 de")
    expect(page.get_by_role("heading", name="Grappe éligible")).to_be_visible()
    expect(page.get_by_label("Département")).to_have_value("01")
    assert_accessible(page)
    assert grappe.establishments.count() == 459
    assert page.console_errors == []
