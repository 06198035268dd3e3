"""Journey: the carrier opens the project of its selected grappe, marks a milestone done,
sets a usage target and records the value reached; the dashboard updates in place."""

import re

from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory

INDICATOR = "Taux d'usagers avec DUI ouvert"


def test_follow_milestones_and_usage_targets(page, live_server, directory_data):
    body = ManagingBodyFactory(name="Association Porteuse", establishment_count=2)
    grappe = Grappe.objects.create(
        name="Grappe du Bugey", campaign=2022, carrier=body, status=Grappe.Status.SELECTED
    )
    member = GrappeMember.objects.create(
        grappe=grappe, managing_body=body, status=GrappeMember.Status.ACTIVE
    )
    for name in ("EHPAD LES ÉRABLES", "EHPAD LES TILLEULS"):
        establishment = EstablishmentFactory(name=name, managing_body=body)
        GrappeEstablishment.objects.create(
            grappe=grappe, member=member, establishment=establishment, situation="no_dui"
        )
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    sign_in(page, live_server.url, admin.email)

    # The carrier opens the project from the grappe's page.
    page.goto(f"{live_server.url}/grappes/{grappe.uid}/")
    assert_accessible(page)
    page.get_by_role("button", name="Ouvrir le suivi du projet").click()
    expect(page.get_by_role("heading", name="Suivi du projet : Grappe du Bugey")).to_be_visible()
    expect(page.get_by_text("Suivi du projet ouvert")).to_be_visible()
    expect(page.get_by_role("list", name="Calendrier des jalons")).to_contain_text(
        "Déploiement du DUI — EHPAD LES TILLEULS"
    )
    assert_accessible(page)

    # It marks the first milestone done.
    nav = page.get_by_role("navigation", name="Rubriques du projet")
    nav.get_by_role("link", name="Jalons").click()
    assert_accessible(page)
    page.get_by_role("button", name="Marquer comme atteint : Convention signée avec l'ARS").click()
    expect(page.get_by_text("Jalon « Convention signée avec l'ARS » atteint.")).to_be_visible()
    item = page.get_by_role("listitem").filter(has_text="Convention signée avec l'ARS")
    expect(item).to_contain_text("Atteint")
    assert_accessible(page)

    # It sets a usage target, then records the value reached: the dashboard follows.
    nav.get_by_role("link", name="Cibles d'usage").click()
    assert_accessible(page)
    dashboard = page.locator("#tableau-usages")
    expect(dashboard).to_contain_text("Avancement global : —")
    page.get_by_role("link", name=f"Modifier la cible — {INDICATOR}, EHPAD LES ÉRABLES").click()
    assert_accessible(page)
    page.get_by_label("Valeur cible").fill("80")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Modifications enregistrées.")).to_be_visible()
    page.get_by_label(f"Valeur atteinte (%) — {INDICATOR}, EHPAD LES ÉRABLES").fill("40")
    page.get_by_role(
        "button", name=f"Enregistrer la valeur — {INDICATOR}, EHPAD LES ÉRABLES"
    ).click()
    expect(page.get_by_text("Valeur enregistrée. Avancement global : 50 %.")).to_be_visible()
    expect(dashboard).to_contain_text("Avancement global : 50 %")
    expect(dashboard.get_by_role("row", name=re.compile("EHPAD LES ÉRABLES"))).to_contain_text(
        "50 %"
    )
    assert_accessible(page)

    # The other sections and the report read well too.
    for section in ("Réunions", "Risques", "Financement", "Rapport d'avancement", "Vue d'ensemble"):
        nav.get_by_role("link", name=section).click()
        expect(nav.get_by_role("link", name=section)).to_have_attribute("aria-current", "page")
        assert_accessible(page)
    expect(page.get_by_text("1 / 9")).to_be_visible()  # 7 milestones + 2 deployments
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le rapport d'avancement (PDF)").click()
    assert download.value.suggested_filename.startswith("avancement-grappe-du-bugey-")
    assert page.console_errors == []
