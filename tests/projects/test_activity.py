"""The project page shows the latest audit rows of the project (and of its grappe) as an
activity feed; every action writes one."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.grappes import services as grappe_services
from mutualis.projects import services
from tests.pages import words

pytestmark = pytest.mark.django_db


def test_actions_are_audited_and_shown_latest_first(client, setup):
    project = setup.open()
    milestone = project.milestones.get(code="amoa")
    services.update_milestone(setup.partner_user, milestone, {"actual_date": project.opened_on})
    services.add_risk(
        setup.partner_user, project, {"title": "Départ du référent", "likelihood": 2, "impact": 2}
    )
    grappe_services.change_status(setup.carrier_admin, setup.grappe, "agreement_signed")
    row = AuditLog.objects.get(action="project.milestone_update")
    assert row.object_id == str(project.uid) and row.changes["actual_date"][1] == str(
        project.opened_on
    )

    client.force_login(setup.partner_user)
    page = words(client.get(reverse("projects:detail", args=[project.uid])))
    feed = page[page.index("Activité récente") :]
    assert "Camille Martin a modifié le jalon « AMOA choisie »" in feed
    assert "a ajouté le risque « Départ du référent »" in feed
    assert "a changé l'état de la grappe" in feed
    assert "grappe." not in feed and "project." not in feed  # no raw action code
    assert (
        feed.index("changé l'état")
        < feed.index("Départ du référent")
        < feed.index("a ouvert le suivi")
    )


def test_other_projects_do_not_leak_into_the_feed(client, setup):
    project = setup.open()
    AuditLog.objects.create(
        action="project.risk_add",
        object_type="projects.project",
        object_id="autre",
        changes={"item": "Secret"},
    )
    client.force_login(setup.carrier_admin)
    assert "Secret" not in words(client.get(reverse("projects:detail", args=[project.uid])))
