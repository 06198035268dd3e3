"""Journeys: the carrier opens the project of its selected grappe, marks a milestone done,
sets a usage target and records the value of the period with a proof file (the dashboard
updates in place), records a meeting's decision and reads the decision log; the regional
actor follows the projects of its région from its space."""

import re

from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember
from mutualis.projects import services
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    regional_actor,
)

INDICATOR = "Taux d'usagers avec DUI ouvert"
PDF = b"%PDF-1.4\n%export DUI\n"


def selected_grappe():
    body = ManagingBodyFactory(name="Association Porteuse", establishment_count=2)
    grappe = Grappe.objects.create(
        name="Grappe du Bugey",
        campaign=2022,
        carrier=body,
        status=Grappe.Status.SELECTED,
        deposit_region_id="84",
    )
    member = GrappeMember.objects.create(
        grappe=grappe, managing_body=body, status=GrappeMember.Status.ACTIVE
    )
    for name in ("EHPAD LES ÉRABLES", "EHPAD LES TILLEULS"):
        establishment = EstablishmentFactory(name=name, managing_body=body)
        GrappeEstablishment.objects.create(
            grappe=grappe, member=member, establishment=establishment, situation="no_dui"
        )
    return grappe


def test_follow_milestones_and_usage_targets(page, live_server, directory_data, tmp_path):
    grappe = selected_grappe()
    admin = MembershipFactory(managing_body=grappe.carrier, role=MembershipRole.ADMIN).user
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
    # The value of the current period, with its proof file, saved inline: the figures follow.
    row = page.get_by_role("group", name=f"{INDICATOR} — EHPAD LES ÉRABLES")
    row.get_by_label("Valeur atteinte (%)").fill("40")
    proof = tmp_path / "export-dui.pdf"
    proof.write_bytes(PDF)
    row.get_by_label("Fichier de preuve").set_input_files(proof)
    page.get_by_role(
        "button", name=f"Enregistrer la valeur — {INDICATOR}, EHPAD LES ÉRABLES"
    ).click()
    expect(page.get_by_text("Valeur enregistrée. Avancement global : 50 %.")).to_be_visible()
    expect(dashboard).to_contain_text("Avancement global : 50 %")
    expect(dashboard.get_by_role("row", name=re.compile("EHPAD LES ÉRABLES"))).to_contain_text(
        "50 %"
    )
    proof_link = page.get_by_role(
        "link", name=f"Preuve : export-dui.pdf — {INDICATOR}, EHPAD LES ÉRABLES"
    )
    expect(proof_link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        proof_link.click()
    assert download.value.suggested_filename.startswith("preuve-usage-grappe-du-bugey-")
    assert download.value.path().read_bytes() == PDF

    # A negative value is refused, in French, and changes nothing.
    row.get_by_label("Valeur atteinte (%)").fill("-5")
    page.get_by_role(
        "button", name=f"Enregistrer la valeur — {INDICATOR}, EHPAD LES ÉRABLES"
    ).click()
    expect(page.get_by_text("La valeur doit être positive ou nulle.")).to_be_visible()
    expect(dashboard).to_contain_text("Avancement global : 50 %")

    # The history keeps the value, who recorded it and its proof.
    page.get_by_role("link", name=f"Historique — {INDICATOR}, EHPAD LES ÉRABLES").click()
    expect(page.get_by_role("table")).to_contain_text("export-dui.pdf")
    assert_accessible(page)

    # A meeting, then its decision, found in the decision log.
    nav.get_by_role("link", name="Réunions").click()
    page.get_by_label("Date").fill("2026-02-10")
    page.get_by_role("button", name="Enregistrer la réunion").click()
    expect(page.get_by_text("Réunion enregistrée.")).to_be_visible()
    page.get_by_text("Ajouter une décision").click()
    page.get_by_label("Décision").fill("Choisir l'AMOA")
    page.get_by_label("Échéance").fill("2026-03-31")
    page.get_by_role("button", name=re.compile("Enregistrer la décision")).click()
    expect(page.get_by_text("Décision ajoutée.")).to_be_visible()
    assert_accessible(page)
    nav.get_by_role("link", name="Décisions").click()
    expect(page.get_by_role("table")).to_contain_text("Choisir l'AMOA")
    assert_accessible(page)

    # The other sections and the report read well too.
    for section in ("Risques", "Financement", "Rapport d'avancement", "Vue d'ensemble"):
        nav.get_by_role("link", name=section).click()
        expect(nav.get_by_role("link", name=section)).to_have_attribute("aria-current", "page")
        assert_accessible(page)
    expect(page.get_by_text("1 / 9")).to_be_visible()  # 7 milestones + 2 deployments
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le rapport d'avancement (PDF)").click()
    assert download.value.suggested_filename.startswith("avancement-grappe-du-bugey-")
    assert page.console_errors == []


def test_the_regional_actor_follows_its_regions_projects(page, live_server, directory_data):
    grappe = selected_grappe()
    admin = MembershipFactory(managing_body=grappe.carrier, role=MembershipRole.ADMIN).user
    services.open_project(admin, grappe)
    ars = regional_actor("84")
    sign_in(page, live_server.url, ars.email)
    page.goto(f"{live_server.url}/comptes/espace/")
    page.get_by_role("link", name="Suivi des projets de vos régions").click()
    expect(page.get_by_role("heading", name="Suivi régional des projets")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Projets de la région"))
    expect(table).to_contain_text("Grappe du Bugey")
    expect(table).to_contain_text("Aucun retard")
    expect(table).to_contain_text("Cibles à définir")
    assert_accessible(page)
    assert page.console_errors == []
