"""A carrier creates a grappe, invites a partner; members choose their ESSMS and watch
eligibility; the carrier submits it; funding is simulated, frozen, and exported."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.core import tabular
from mutualis.core.models import AuditLog
from mutualis.directory.models import SegurStatus, Solution
from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember, ProgrammeRule
from tests.factories import UserFactory, checked_segur
from tests.grappes.conftest import choose_all, create
from tests.pages import text, words

pytestmark = pytest.mark.django_db


def test_the_carrier_creates_and_invites(client, carrier, partner):
    body, admin = carrier
    grappe = create(client, admin)
    assert grappe.carrier == body and grappe.created_by == admin
    assert grappe.members.get().status == GrappeMember.Status.ACTIVE

    response = client.post(
        reverse("grappes:invite", args=[grappe.uid]), {"finess": partner[0].finess}, follow=True
    )
    assert "Fondation Partenaire est invité." in text(response)
    bad = client.post(
        reverse("grappes:invite", args=[grappe.uid]), {"finess": "999999999"}, follow=True
    )
    assert "Aucun organisme gestionnaire avec le n° FINESS juridique 999999999." in text(bad)
    assert AuditLog.objects.filter(action="grappe.invite").count() == 1


def test_eligibility_follows_the_members_choices(client, carrier, partner, segur_solution):
    body, admin = carrier
    grappe = create(client, admin)
    client.post(reverse("grappes:invite", args=[grappe.uid]), {"finess": partner[0].finess})
    response = choose_all(client, grappe, body, segur_solution)
    assert "10 ESSMS éligibles : il en faut au moins 15." in words(response)

    client.force_login(partner[1])
    member = grappe.members.get(managing_body=partner[0])
    client.post(reverse("grappes:answer", args=[grappe.uid, member.pk]), {"reponse": "accepter"})
    preview = choose_all(client, grappe, partner[0], segur_solution, htmx=True)
    assert "Grappe éligible" in text(preview) and "16 ESSMS éligibles — appel régional" in words(
        preview
    )
    assert GrappeEstablishment.objects.count() == 10  # a preview saves nothing
    choose_all(client, grappe, partner[0], segur_solution)
    assert GrappeEstablishment.objects.count() == 16


def test_a_non_segur_solution_is_flagged_with_its_source(client, carrier):
    body, admin = carrier
    grappe = create(client, admin)
    plain = checked_segur(Solution.objects.order_by("pk").last(), SegurStatus.NOT_REFERENCED)
    page = words(choose_all(client, grappe, body, plain))
    assert (
        "La solution DUI choisie doit être référencée Ségur pour ce domaine. (source : S23, S27)"
        in page
    )


def test_an_unverified_solution_makes_eligibility_non_evaluable(client, carrier):
    body, admin = carrier
    grappe = create(client, admin)
    unverified = Solution.objects.get(name="MALTA")
    assert unverified.segur_status == SegurStatus.UNVERIFIED
    page = words(choose_all(client, grappe, body, unverified))
    assert "non évaluable — Référencement Ségur de la solution non évaluable" in page
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Référencement Ségur non évaluable (référencement non vérifié)" in page
    assert "doit être référencée Ségur" not in page and "Non référencée Ségur" not in page


def test_submission_needs_an_eligible_grappe(client, carrier, partner, segur_solution):
    body, admin = carrier
    grappe = create(client, admin)
    response = client.post(
        reverse("grappes:status", args=[grappe.uid]), {"etat": "submitted"}, follow=True
    )
    assert "La grappe n'est pas éligible" in text(response)
    client.post(reverse("grappes:invite", args=[grappe.uid]), {"finess": partner[0].finess})
    member = grappe.members.get(managing_body=partner[0])
    member.status = GrappeMember.Status.ACTIVE
    member.save()
    choose_all(client, grappe, body, segur_solution)
    client.force_login(partner[1])
    choose_all(client, grappe, partner[0], segur_solution)
    client.force_login(admin)
    client.post(reverse("grappes:status", args=[grappe.uid]), {"etat": "submitted"})
    assert Grappe.objects.get().status == Grappe.Status.SUBMITTED
    skip = client.post(
        reverse("grappes:status", args=[grappe.uid]), {"etat": "closed"}, follow=True
    )
    assert "Ce changement d'état n'est pas possible." in text(skip)


def test_funding_simulation_is_frozen_and_exported(client, carrier, segur_solution):
    body, admin = carrier
    grappe = create(client, admin, campaign=2022)
    choose_all(client, grappe, body, segur_solution)
    response = client.post(reverse("grappes:simulate", args=[grappe.uid]), follow=True)
    page = words(response)
    # 10 ESSMS of a small managing body: 10 x (14 500 + 7 000 + 20 000) + AMOA 115 000
    assert "Total 530 000 530 000 505 000" in page
    assert "Tranche 1 (40 %) 212 000" in page
    assert "Association Porteuse 415 000 166 000 249 000" in page

    rule = ProgrammeRule.objects.get(
        programme="generalisation", key="fund.new_dui.usages", valid_from=2022
    )
    rule.value = "9000"
    rule.save()
    assert "Total 530 000" in words(client.get(response.redirect_chain[-1][0]))  # unchanged

    simulation = grappe.simulations.get()
    export = client.get(reverse("grappes:simulation_xlsx", args=[grappe.uid, simulation.uid]))
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == [
        "Synthèse",
        "Solutions déclarées",
        "Toutes référencées Ségur",
        "Aucune référencée Ségur",
    ]
    summary = list(workbook["Synthèse"].values)
    assert ("Solutions déclarées", 530000.0, 212000.0, 318000.0) in [row[:4] for row in summary]
    # Amounts are euro cells; the summary has no header row to freeze.
    assert workbook["Solutions déclarées"]["E2"].number_format == tabular.MONEY_FORMAT
    assert workbook["Synthèse"]["B7"].number_format == tabular.MONEY_FORMAT
    assert workbook["Synthèse"]["B4"].number_format == tabular.DATETIME_FORMAT
    assert workbook["Synthèse"].freeze_panes is None
    assert workbook["Solutions déclarées"].freeze_panes == "A2"


def test_outsiders_see_nothing(client, carrier):
    admin = carrier[1]
    grappe = create(client, admin)
    client.force_login(UserFactory())
    assert client.get(reverse("grappes:detail", args=[grappe.uid])).status_code == 403
    member = grappe.members.get()
    url = reverse("grappes:entries", args=[grappe.uid, member.pk])
    assert client.get(url).status_code == 403


def test_the_list_states_the_size_rules_as_loaded(client, carrier, current_rules):
    client.force_login(carrier[1])
    page = words(client.get(reverse("grappes:list")))
    assert "au moins 15 ESSMS (8 en Corse et outre-mer), appel régional jusqu'à 49" in page
    ProgrammeRule.objects.filter(key="call.national_threshold").update(value="60")
    assert "national à partir de 60" in words(client.get(reverse("grappes:list")))
    ProgrammeRule.objects.filter(key="call.national_threshold").delete()
    assert "Les règles de taille de la généralisation ne sont pas chargées" in words(
        client.get(reverse("grappes:list"))
    )
