"""E-mail reminders to an action's owners: once seven days before its due date, once when it
is overdue; each recorded (ReminderLog), never sent twice. The owners are the administrators of
the owner organisation; for an ARS, a GRADeS or a collectif SI, the regional actors of the
plan's région; for an owner named in free text, the plan's facilitator, who follows it up."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from mutualis.accounts.models import MembershipRole, ScopedRole, User
from mutualis.actionplans.models import Action, ReminderLog
from mutualis.actionplans.perms import REGIONAL_OWNERS
from mutualis.core import audit
from mutualis.core.mail import send_templated_mail

DAYS_BEFORE = 7


@dataclass
class Sent:
    action: Action
    kind: str
    recipients: int


def recipients(action: Action) -> list[str]:
    users = User.objects.filter(is_active=True)
    if action.owner_kind == Action.OwnerKind.BODY:
        users = users.filter(
            memberships__managing_body=action.owner_body_id,
            memberships__role=MembershipRole.ADMIN,
        )
    elif action.owner_kind in REGIONAL_OWNERS:
        users = users.filter(
            scoped_roles__role=ScopedRole.Role.REGIONAL,
            scoped_roles__regions=action.plan.region_id,
        )
    else:
        users = users.filter(pk=action.plan.facilitator_id)
    return list(
        users.exclude(email="").order_by("email").values_list("email", flat=True).distinct()
    )


def kind_for(action: Action, today: datetime.date) -> str | None:
    if action.due_on < today:
        return ReminderLog.Kind.OVERDUE
    if (action.due_on - today).days <= DAYS_BEFORE:
        return ReminderLog.Kind.DUE
    return None


def send_reminders(today: datetime.date, base_url: str = "") -> list[Sent]:
    """Today's reminders of the open actions."""
    horizon = today + datetime.timedelta(days=DAYS_BEFORE)
    actions = (
        Action.objects.filter(
            status__in=[Action.Status.TODO, Action.Status.DOING],
            due_on__lte=horizon,
        )
        .select_related("plan", "owner_body")
        .order_by("due_on", "pk")
    )
    sent = []
    for action in actions:
        kind = kind_for(action, today)
        if kind is None or action.reminders.filter(kind=kind).exists():
            continue
        found = _remind(action, kind, today, base_url)
        if found is not None:
            sent.append(found)
    return sent


def _remind(action: Action, kind: str, today: datetime.date, base_url: str) -> Sent | None:
    to = recipients(action)
    if not to:
        return None
    context = {
        "action": action,
        "plan": action.plan,
        "overdue": kind == ReminderLog.Kind.OVERDUE,
        "today": today,
        "site_name": settings.MUTUALIS.get("SITE_NAME", "Mutualis"),
        "url": base_url + reverse("actionplans:action", args=[action.plan.uid, action.uid]),
    }
    try:
        with transaction.atomic():  # mails leave once the log commits: never twice
            ReminderLog.objects.create(action=action, kind=kind, sent_on=today, recipients=len(to))
            audit.record(None, f"actionplan.reminder_{kind}", action, {"recipients": len(to)})
            for email in to:
                send_templated_mail("actionplans/emails/reminder", context, [email])
    except IntegrityError:  # another run sent it
        return None
    return Sent(action, kind, len(to))
