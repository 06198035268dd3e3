"""Reminders to the owner organisation's administrators: seven days before the due date and
once overdue, each sent once and recorded; the owners' "À traiter" lists due and late
actions."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from mutualis.accounts.models import MembershipRole
from mutualis.actionplans import reminders
from mutualis.actionplans.models import Action, ReminderLog
from mutualis.portal.todo import pending
from tests.actionplans.factories import ActionFactory
from tests.factories import MembershipFactory, regional_actor
from tests.mail import after_commit

pytestmark = pytest.mark.django_db


def send(today):
    with after_commit():
        return reminders.send_reminders(today, "https://mutualis.example.org")


def test_due_soon_then_overdue_each_once(world):
    action = world.action  # due 60 days after opening
    MembershipFactory(managing_body=world.owner_body, role=MembershipRole.MEMBER)  # not an admin
    due = action.due_on
    assert send(due - datetime.timedelta(days=8)) == []
    sent = send(due - datetime.timedelta(days=7))
    assert [(s.kind, s.recipients) for s in sent] == [("due", 1)]
    assert [m.to for m in mail.outbox] == [[world.owner_admin.email]]
    message = mail.outbox[0]
    assert message.subject == (
        f"[Mutualis] Action à échéance le {due:%d/%m/%Y} — Ouvrir l'espace de partage"
    )
    assert f"https://mutualis.example.org/plans-action/{world.plan.uid}/actions/" in message.body
    assert send(due - datetime.timedelta(days=3)) == []  # already reminded
    assert send(due) == []
    sent = send(due + datetime.timedelta(days=1))
    assert [s.kind for s in sent] == ["overdue"]
    assert "elle est en retard" in mail.outbox[1].body
    assert send(due + datetime.timedelta(days=10)) == []
    assert len(mail.outbox) == 2
    assert list(ReminderLog.objects.values_list("kind", flat=True).order_by("kind")) == [
        "due",
        "overdue",
    ]


def test_regional_and_free_text_owners_are_reminded(world):
    Action.objects.filter(pk=world.action.pk).update(status="done", progress=100)
    ars = ActionFactory(plan=world.plan, owner_kind="ars", owner_body=None)
    ActionFactory(plan=world.plan, owner_kind="other", owner_body=None, owner_label="Éditeur X")
    own = regional_actor("84")
    regional_actor("11")  # another région's actor is not reminded

    sent = send(ars.due_on - datetime.timedelta(days=7))

    assert sorted(s.recipients for s in sent) == [1, 2]
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted(
        [(world.facilitator.email,), (own.email,), (world.facilitator.email,)]
    )
    bodies = " ".join(m.body for m in mail.outbox)
    assert "en tant qu'acteur régional : l'action est confiée à ARS" in bodies
    assert "en tant qu'animateur du plan : l'action est confiée à Éditeur X" in bodies


def test_finished_actions_are_not_reminded(world):
    Action.objects.filter(pk=world.action.pk).update(status="done", progress=100)
    assert send(world.action.due_on + datetime.timedelta(days=1)) == []


def test_command(world):
    day = world.action.due_on + datetime.timedelta(days=2)
    with after_commit():
        call_command("remind_action_owners", "--date", day.isoformat())
    assert len(mail.outbox) == 1


def test_due_and_late_actions_in_the_owners_todo(world):
    due = world.action.due_on
    far = pending(world.owner_admin, world.owner_body, due - datetime.timedelta(days=20))
    assert not [t for t in far if "plan d'action" in t.text]
    soon = pending(world.owner_admin, world.owner_body, due - datetime.timedelta(days=5))
    assert [t.text for t in soon if "plan d'action" in t.text] == [
        f"Action « Ouvrir l'espace de partage » du plan d'action à échéance le {due:%d/%m/%Y}"
    ]
    late = pending(world.owner_admin, world.owner_body, due + datetime.timedelta(days=1))
    todo = next(t for t in late if "plan d'action" in t.text)
    assert todo.text.endswith("en retard")
    assert todo.url == f"/plans-action/{world.plan.uid}/actions/{world.action.uid}/"
