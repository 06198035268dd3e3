"""A milestone whose planned date has passed without an actual date is late: flagged in the
timeline (ordered, with a marker for today), counted on the overview, in the report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.projects import selectors
from tests.pages import text, words
from tests.projects.factories import MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def test_late_means_past_and_not_done():
    assert MilestoneFactory.build(planned_date=days(-1)).is_late(TODAY)
    assert not MilestoneFactory.build(planned_date=days(-1), actual_date=days(-2)).is_late(TODAY)
    assert not MilestoneFactory.build(planned_date=TODAY).is_late(TODAY)
    assert MilestoneFactory.build(planned_date=days(7)).is_due_within(TODAY, 7)
    assert not MilestoneFactory.build(planned_date=days(8)).is_due_within(TODAY, 7)


def test_the_timeline_is_ordered_with_today_between_past_and_future():
    project = MilestoneFactory(title="AMOA choisie", planned_date=days(-10)).project
    MilestoneFactory(project=project, title="Éditeur choisi", planned_date=days(20))
    MilestoneFactory(
        project=project, title="Convention", planned_date=days(-40), actual_date=days(-41)
    )
    entries = selectors.timeline(project, TODAY)
    labels = [e.milestone.title if e.milestone else "today" for e in entries]
    assert labels == ["Convention", "AMOA choisie", "today", "Éditeur choisi"]
    assert [e.late for e in entries if e.milestone] == [False, True, False]


def test_today_comes_last_when_everything_is_past():
    project = MilestoneFactory(planned_date=days(-3)).project
    assert selectors.timeline(project, TODAY)[-1].milestone is None


def test_late_milestones_are_flagged_on_the_pages(client, setup):
    project = setup.open(today=timezone.localdate() - datetime.timedelta(days=100))
    client.force_login(setup.partner_user)
    overview = words(client.get(reverse("projects:detail", args=[project.uid])))
    # agreement (30 days), AMOA (60) and first tranche (90) are past and not done
    assert "0 / 12 atteints — 3 en retard" in overview
    page = text(client.get(reverse("projects:milestones", args=[project.uid])))
    assert page.count(">En retard</span>") == 3
    assert "Aujourd'hui, " in page
    report = words(client.get(reverse("projects:report", args=[project.uid])))
    assert "AMOA choisie" in report and report.count("En retard") == 3


def test_marking_a_milestone_done_clears_the_flag(client, setup):
    project = setup.open(today=timezone.localdate() - datetime.timedelta(days=100))
    amoa = project.milestones.get(code="amoa")
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:milestone_done", args=[project.uid, amoa.uid]),
        {"actual_date": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "Jalon « AMOA choisie » atteint." in text(response)
    amoa.refresh_from_db()
    assert amoa.actual_date == timezone.localdate()
    assert "2 en retard" in words(client.get(reverse("projects:detail", args=[project.uid])))
