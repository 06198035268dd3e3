"""E-mail reminders of the milestones due within N days and of the late ones, to the
administrators of the active members; at most one round per project and day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from mutualis.accounts.models import MembershipRole
from mutualis.core.models import AuditLog
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.projects import reminders
from mutualis.projects.models import ReminderLog
from tests.factories import MembershipFactory
from tests.mail import after_commit
from tests.projects.factories import GrappeMemberFactory

pytestmark = pytest.mark.django_db
OPENED = datetime.date(2026, 1, 1)


def send_milestone_reminders(today, **kwargs):
    with after_commit():
        return reminders.send_milestone_reminders(today, **kwargs)


def test_due_and_late_milestones_go_to_the_members_administrators(setup):
    project = setup.open(today=OPENED)
    gone = GrappeMemberFactory(grappe=setup.grappe, status=GrappeMember.Status.LEFT)
    MembershipFactory(managing_body=gone.managing_body, role=MembershipRole.ADMIN)
    # 35 days after opening: the ARS agreement (day 30) is late, the AMOA (day 60) not yet due
    today = OPENED + datetime.timedelta(days=35)
    rounds = send_milestone_reminders(today, days=7)
    assert [(r.late, r.due) for r in rounds] == [(1, 0)]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [setup.carrier_admin.email, setup.partner_admin.email]
    )  # administrators only: not the plain member, nor the body that left
    message = mail.outbox[0]
    assert message.subject == "[Mutualis] Jalons à suivre — Grappe du Bugey"
    assert "Convention signée avec l'ARS : prévu le 31 janvier 2026" in message.body
    assert f"/projets/{project.uid}/jalons/" in message.body
    assert AuditLog.objects.filter(action="project.reminder").count() == 1


def test_one_round_per_project_and_day(setup):
    setup.open(today=OPENED)
    today = OPENED + datetime.timedelta(days=55)  # AMOA due in 5 days, agreement late
    send_milestone_reminders(today)
    assert len(mail.outbox) == 2
    assert send_milestone_reminders(today) == []
    assert len(mail.outbox) == 2
    send_milestone_reminders(today + datetime.timedelta(days=1))
    assert len(mail.outbox) == 4
    assert ReminderLog.objects.count() == 2
    log = ReminderLog.objects.order_by("sent_on").first()
    assert (log.recipients, len(log.milestones)) == (2, 2)


def test_the_window_is_a_setting(setup, settings):
    setup.open(today=OPENED)
    today = OPENED + datetime.timedelta(days=15)  # agreement due in 15 days
    settings.MUTUALIS = {**settings.MUTUALIS, "MILESTONE_REMINDER_DAYS": 7}
    assert send_milestone_reminders(today) == []
    settings.MUTUALIS = {**settings.MUTUALIS, "MILESTONE_REMINDER_DAYS": 15}
    assert [(r.late, r.due) for r in send_milestone_reminders(today)] == [(0, 1)]


def test_nothing_to_remind_and_closed_grappes(setup):
    project = setup.open(today=OPENED)
    assert send_milestone_reminders(OPENED) == []  # first milestone 30 days away
    Grappe.objects.filter(pk=project.grappe_id).update(status=Grappe.Status.CLOSED)
    assert send_milestone_reminders(OPENED + datetime.timedelta(days=400)) == []
    assert mail.outbox == []


def test_the_command(setup, capsys):
    setup.open(today=OPENED)
    with after_commit():
        call_command(
            "send_milestone_reminders",
            "--date",
            "2026-02-05",
            "--jours",
            "3",
            "--url",
            "https://mutualis.example.org/",
        )
    out = capsys.readouterr().out
    assert "Grappe du Bugey : 1 en retard, 0 à échéance, 2 destinataire(s)" in out
    assert "Rappels envoyés : 1 projet(s)." in out
    assert "https://mutualis.example.org/projets/" in mail.outbox[0].body
