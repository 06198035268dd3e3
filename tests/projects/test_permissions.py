"""Every project view checks server-side: the carrier administers, active members' users
edit, the région's actors and national administrators read, others get 403 (404 for an
unknown project or an item of another project)."""

import uuid

import pytest
from django.urls import reverse

from mutualis.grappes.models import GrappeMember
from mutualis.projects import perms
from mutualis.projects.models import Meeting, Milestone, Risk
from tests.pages import text
from tests.projects.factories import MilestoneFactory, TrancheFactory

pytestmark = pytest.mark.django_db
PAGES = ["detail", "milestones", "meetings", "risks", "funding", "usage", "report"]


@pytest.fixture
def project(setup):
    return setup.open()


def test_anonymous_users_are_sent_to_sign_in(client, project):
    response = client.get(reverse("projects:detail", args=[project.uid]))
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]


@pytest.mark.parametrize("who", ["outsider", "far_regional"])
def test_strangers_get_403(client, project, request, who):
    client.force_login(request.getfixturevalue(who))
    for name in PAGES:
        assert client.get(reverse(f"projects:{name}", args=[project.uid])).status_code == 403
    assert client.get(reverse("projects:report_pdf", args=[project.uid])).status_code == 403


def test_unknown_project_and_foreign_items_are_404(client, setup, project):
    client.force_login(setup.carrier_admin)
    assert client.get(reverse("projects:detail", args=[uuid.uuid4()])).status_code == 404
    foreign = MilestoneFactory()
    url = reverse("projects:milestone", args=[project.uid, foreign.uid])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["regional", "national"])
def test_readers_read_and_change_nothing(client, setup, project, request, who):
    client.force_login(request.getfixturevalue(who))
    for name in PAGES:
        assert client.get(reverse(f"projects:{name}", args=[project.uid])).status_code == 200
    milestone = project.milestones.first()
    posts = [
        reverse("projects:milestone_done", args=[project.uid, milestone.uid]),
        reverse("projects:milestones", args=[project.uid]),
        reverse("projects:meetings", args=[project.uid]),
        reverse("projects:risks", args=[project.uid]),
        reverse("projects:funding", args=[project.uid]),
        reverse("projects:tranches_import", args=[project.uid]),
        reverse("projects:open", args=[setup.grappe.uid]),
    ]
    for url in posts:
        assert client.post(url, {"actual_date": "2026-01-01"}).status_code == 403, url
    assert milestone.actual_date is None
    page = client.get(reverse("projects:milestones", args=[project.uid])).content.decode()
    assert "Marquer comme atteint" not in page and "lecture seule" in page


def test_members_edit_but_do_not_administer(client, setup, project):
    client.force_login(setup.partner_user)
    milestone = project.milestones.get(code="amoa")
    edit = reverse("projects:milestone", args=[project.uid, milestone.uid])
    form = client.get(edit).context["form"]
    assert set(form.fields) == {"actual_date", "notes"}
    client.post(edit, {"actual_date": "2026-02-01", "notes": "AMOA retenue", "title": "Piraté"})
    milestone.refresh_from_db()
    assert (milestone.title, milestone.notes) == ("AMOA choisie", "AMOA retenue")

    tranche = TrancheFactory(project=project)
    forbidden = [
        reverse("projects:milestones", args=[project.uid]),
        reverse("projects:milestone_delete", args=[project.uid, milestone.uid]),
        reverse("projects:funding", args=[project.uid]),
        reverse("projects:tranche", args=[project.uid, tranche.uid]),
        reverse("projects:tranche_delete", args=[project.uid, tranche.uid]),
        reverse("projects:risk_delete", args=[project.uid, project.risks.first().uid]),
    ]
    for url in forbidden:
        assert client.post(url, {}).status_code == 403, url
    assert Milestone.objects.filter(pk=milestone.pk).exists() and Risk.objects.count() == 3


def test_the_carrier_deletes(client, setup, project):
    client.force_login(setup.carrier_admin)
    meeting = Meeting.objects.create(project=project, date="2026-02-01")
    client.post(reverse("projects:meeting_delete", args=[project.uid, meeting.uid]))
    risk = project.risks.first()
    response = client.post(
        reverse("projects:risk_delete", args=[project.uid, risk.uid]), follow=True
    )
    assert f"« {risk.title} » supprimé." in text(response)
    assert not Meeting.objects.exists() and project.risks.count() == 2


def test_a_member_that_left_loses_access(client, setup, project):
    GrappeMember.objects.filter(pk=setup.partner_member.pk).update(status=GrappeMember.Status.LEFT)
    client.force_login(setup.partner_user)
    assert client.get(reverse("projects:detail", args=[project.uid])).status_code == 403


def test_predicates(setup, project, regional, national):
    assert perms.can_admin_project(setup.carrier_admin, project)
    assert not perms.can_admin_project(national, project)  # national admins read only
    assert perms.can_edit_project(setup.partner_user, project)
    assert not perms.can_edit_project(regional, project)
    assert perms.can_view_project(regional, project) and perms.can_view_project(national, project)


def test_the_list_shows_the_projects_a_user_may_see(client, setup, project, outsider, regional):
    for user, expected in ((setup.partner_user, 1), (regional, 1), (outsider, 0)):
        client.force_login(user)
        assert len(client.get(reverse("projects:list")).context["projects"]) == expected
