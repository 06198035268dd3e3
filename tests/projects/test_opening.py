"""The carrier opens the project of a selected grappe: default milestones (one deployment
per ESSMS), risks seeded with the failure causes, usage-target indicators, tranches."""

import datetime

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.grappes.models import Grappe
from mutualis.grappes.simulations import scenarios
from mutualis.projects import defaults
from mutualis.projects.models import Project
from tests.pages import text

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 5)


def test_the_data_files_name_their_source_and_load():
    header = (defaults.DATA_DIR / "milestones.csv").read_text(encoding="utf-8")
    assert "seed 003" in header and "§4.8" in header
    codes = [t.code for t in defaults.milestone_templates()]
    assert codes == [
        "agreement_ars",
        "amoa",
        "first_tranche",
        "procurement",
        "editor",
        "deployment",
        "usage_targets",
        "final_report",
    ]
    assert [r.title for r in defaults.risk_templates()] == [
        "Prise de pouvoir d'une des parties prenantes",
        "Instabilité de la gouvernance",
        "Complexité du projet",
    ]


def test_the_carrier_opens_the_project_from_the_grappe_page(client, setup):
    client.force_login(setup.carrier_admin)
    page = text(client.get(reverse("grappes:detail", args=[setup.grappe.uid])))
    assert "Ouvrir le suivi du projet" in page
    response = client.post(reverse("projects:open", args=[setup.grappe.uid]), follow=True)
    project = Project.objects.get()
    assert response.redirect_chain[-1][0] == reverse("projects:detail", args=[project.uid])
    assert "Suivi du projet ouvert" in text(response)
    assert AuditLog.objects.filter(action="project.open", object_id=str(project.uid)).exists()
    page = text(client.get(reverse("grappes:detail", args=[setup.grappe.uid])))
    assert "Voir le suivi du projet" in page and "Ouvrir le suivi du projet" not in page


def test_default_milestones_risks_and_targets(setup):
    project = setup.open(today=TODAY)
    milestones = list(project.milestones.all())
    assert len(milestones) == 7 + 5  # one deployment per ESSMS
    deployments = [m for m in milestones if m.code == "deployment"]
    assert {m.establishment for m in deployments} == {
        e.establishment for e in setup.grappe.establishments.all()
    }
    assert all(m.title.startswith("Déploiement du DUI — ") for m in deployments)
    assert deployments[0].responsible is not None
    by_code = {m.code: m for m in milestones}
    assert by_code["agreement_ars"].planned_date == TODAY + datetime.timedelta(days=30)
    assert by_code["final_report"].planned_date == TODAY + datetime.timedelta(days=600)
    assert [m.code for m in milestones][:2] == ["agreement_ars", "amoa"]  # by planned date

    risks = list(project.risks.order_by("pk"))
    assert len(risks) == 3
    assert "Porteur neutre" in risks[0].mitigation
    assert all(r.status == "open" and r.source for r in risks)

    # the programme's indicators proposed by default (INS, MSSanté, DMP, DUI use), per ESSMS
    assert project.usage_targets.count() == 5 * 4
    assert set(project.usage_targets.values_list("reference__code", flat=True)) == {
        "dui_active",
        "ins_qualified",
        "mssante_sent",
        "dmp_fed",
    }
    assert not project.usage_targets.exclude(target_value=None).exists()


def test_tranches_come_from_the_latest_simulation(setup):
    simulation = setup.simulate()
    project = setup.open(today=TODAY)
    tranches = list(project.tranches.all())
    assert [t.label for t in tranches] == ["Tranche 1 (40 %)", "Tranche 2 (60 %)"]
    expected = scenarios(simulation)[0][1]
    assert [t.expected_amount for t in tranches] == [a for _, a in expected.tranches]
    assert sum(t.expected_amount for t in tranches) == expected.total > 0
    assert tranches[0].expected_date == TODAY + datetime.timedelta(days=90)
    assert tranches[1].expected_date == TODAY + datetime.timedelta(days=600)


def test_without_simulation_the_funding_page_invites_to_simulate(client, setup):
    project = setup.open()
    assert not project.tranches.exists()
    client.force_login(setup.carrier_admin)
    page = text(client.get(reverse("projects:funding", args=[project.uid])))
    assert "simulez d'abord le financement de la grappe" in page


@pytest.mark.parametrize("status", [Grappe.Status.DRAFT, Grappe.Status.SUBMITTED])
def test_a_grappe_not_selected_cannot_be_opened(client, setup, status):
    Grappe.objects.filter(pk=setup.grappe.pk).update(status=status)
    client.force_login(setup.carrier_admin)
    page = text(client.get(reverse("grappes:detail", args=[setup.grappe.uid])))
    assert "Le suivi du projet s'ouvre une fois la grappe retenue." in page
    response = client.post(reverse("projects:open", args=[setup.grappe.uid]))
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_only_the_carrier_opens_and_only_once(client, setup):
    client.force_login(setup.partner_admin)
    assert client.post(reverse("projects:open", args=[setup.grappe.uid])).status_code == 403
    setup.open()
    client.force_login(setup.carrier_admin)
    response = client.post(reverse("projects:open", args=[setup.grappe.uid]), follow=True)
    assert "Le suivi du projet est déjà ouvert." in text(response)
    assert Project.objects.count() == 1
