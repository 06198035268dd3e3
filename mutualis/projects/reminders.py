"""E-mail reminders of the milestones due soon or late, to the administrators of the active
members; at most one round per project and day (recorded in ReminderLog)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from mutualis.accounts.models import MembershipRole, User
from mutualis.core import audit
from mutualis.core.mail import send_templated_mail
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.projects.models import Project, ReminderLog


@dataclass
class ReminderRound:
    project: Project
    recipients: int
    late: int
    due: int


def recipients(project: Project) -> list[str]:
    bodies = project.grappe.members.filter(status=GrappeMember.Status.ACTIVE).values(
        "managing_body"
    )
    return list(
        User.objects.filter(
            is_active=True,
            memberships__managing_body__in=bodies,
            memberships__role=MembershipRole.ADMIN,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def send_milestone_reminders(
    today: datetime.date, days: int | None = None, base_url: str = ""
) -> list[ReminderRound]:
    """Send today's reminders; a project already reminded today is skipped."""
    days = days if days is not None else settings.MUTUALIS["MILESTONE_REMINDER_DAYS"]
    rounds = []
    projects = Project.objects.exclude(grappe__status=Grappe.Status.CLOSED).select_related("grappe")
    for project in projects.exclude(reminders__sent_on=today):
        sent = _remind(project, today, days, base_url)
        if sent:
            rounds.append(sent)
    return rounds


def _remind(
    project: Project, today: datetime.date, days: int, base_url: str
) -> ReminderRound | None:
    open_ = list(project.milestones.filter(actual_date=None).order_by("planned_date", "position"))
    late = [m for m in open_ if m.is_late(today)]
    due = [m for m in open_ if m.is_due_within(today, days)]
    to = recipients(project)
    if not (late or due) or not to:
        return None
    context = {
        "project": project,
        "late": late,
        "due": due,
        "days": days,
        "today": today,
        "site_name": getattr(settings, "MUTUALIS", {}).get("SITE_NAME", "Mutualis"),
        "url": base_url + reverse("projects:milestones", args=[project.uid]),
    }
    try:
        with transaction.atomic():  # sent once the log commits: one round per project and day
            ReminderLog.objects.create(
                project=project,
                sent_on=today,
                recipients=len(to),
                milestones=[str(m.uid) for m in late + due],
            )
            audit.record(
                None,
                "project.reminder",
                project,
                {"milestones": len(late) + len(due), "recipients": len(to)},
            )
            for email in to:  # one message each: recipients do not see one another
                send_templated_mail("projects/emails/reminder", context, [email])
    except IntegrityError:  # another run reminded this project today
        return None
    return ReminderRound(project, len(to), len(late), len(due))
