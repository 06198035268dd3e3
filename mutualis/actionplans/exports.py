"""The plan's rows for the CSV, XLSX and PDF exports (written by ``core.tabular``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from mutualis.actionplans import selectors
from mutualis.actionplans.models import ActionPlan

ACTION_HEADER = [
    "Levier",
    "Rang du levier",
    "Action",
    "Responsable",
    "Début",
    "Échéance",
    "Statut",
    "Avancement (%)",
    "En retard",
    "Dernier point d'étape",
]
TIMELINE_HEADER = ["Action", "Date", "Point d'étape", "Nouveau statut", "Nouvel avancement (%)"]


def action_rows(plan: ActionPlan, today: datetime.date) -> Iterator[list]:
    yield ACTION_HEADER
    levers = {row.code: row for row in selectors.lever_rows(plan)}
    latest = {}
    for update in selectors.plan_timeline(plan).order_by("on", "created_at"):
        latest[update.action_id] = update.on
    for action in selectors.actions_of(plan):
        lever = levers.get(action.lever_code)
        yield [
            f"{lever.code}. {lever.label}" if lever else "",
            lever.rank if lever else None,
            action.title,
            action.owner_name,
            action.starts_on,
            action.due_on,
            action.get_status_display(),
            action.progress,
            action.is_late(today),
            latest.get(action.pk),
        ]


def timeline_rows(plan: ActionPlan) -> Iterator[list]:
    yield TIMELINE_HEADER
    for update in selectors.plan_timeline(plan).order_by("action__position", "on", "created_at"):
        yield [
            update.action.title,
            update.on,
            update.text,
            update.get_status_display() if update.status else "",
            update.progress,
        ]


def filename(plan: ActionPlan, extension: str) -> str:
    return f"plan-action-{plan.region_id}-{plan.opened_on:%Y-%m-%d}.{extension}"
