"""Demonstration projects (``make run``): every grappe selected or later gets a project in
the state of the 2022 REX (seed 003: ARS convention signed, AMOA chosen, procurement documents
in progress and late, waiting for the first tranche), with meetings, risks, tranches and
usage values (the demo grappe itself comes from ``grappes.demo``). Deterministic; nothing
personal is written."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.grappes import selectors as grappe_selectors
from mutualis.grappes.funding import simulate
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.projects import defaults, progress, services
from mutualis.projects.models import Decision, Meeting, Project, Risk, Tranche, UsageValue

SEED = 2026
OPENED_DAYS_AGO = 130
DEMO_NAME = "Grappe de démonstration — {name}"


@transaction.atomic
def seed_demo_projects(seed: int = SEED, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    random_ = random.Random(seed)
    count = 0
    for grappe in Grappe.objects.filter(status__in=Grappe.SELECTED_OR_LATER, project=None).order_by(
        "pk"
    ):
        project = services.build_project(grappe, today - datetime.timedelta(OPENED_DAYS_AGO))
        _progress(project, today, random_)
        audit.record(None, "project.open", project, {"demo": True})
        count += 1
    return count


def _progress(project: Project, today: datetime.date, random_: random.Random) -> None:
    opened = project.opened_on
    milestones = {m.code: m for m in project.milestones.exclude(code="deployment")}
    for code, days in (("agreement_ars", 32), ("amoa", 58)):
        if code in milestones:
            milestones[code].actual_date = opened + datetime.timedelta(days)
            milestones[code].save(update_fields=["actual_date"])
    if "procurement" in milestones:  # planned 120 days after opening: late by 10 days
        milestones["procurement"].notes = "Documents du marché en cours de rédaction."
        milestones["procurement"].save(update_fields=["notes"])
    if "first_tranche" in milestones:
        first = milestones["first_tranche"]
        first.planned_date = today + datetime.timedelta(10)
        first.notes = "En attente du déblocage des premiers 40 % des fonds."
        first.save(update_fields=["planned_date", "notes"])
    members = list(project.grappe.members.filter(status=GrappeMember.Status.ACTIVE).order_by("pk"))
    for index, (days, mode) in enumerate(((95, Meeting.Mode.REMOTE), (20, Meeting.Mode.ON_SITE))):
        host = members[index % len(members)] if members else None
        meeting = Meeting.objects.create(
            project=project,
            date=today - datetime.timedelta(days),
            mode=mode,
            host=host,
            agenda="Suivi des documents du marché public ; préparation du rendez-vous éditeur.",
            minutes="Point d'avancement de chaque membre ; relecture du cahier des charges.",
        )
        Decision.objects.create(
            project=project,
            meeting=meeting,
            text="Valider le cahier des charges au prochain comité de pilotage.",
            owner=host,
            due_date=meeting.date + datetime.timedelta(30),
            status=Decision.Status.DONE if days > 30 else Decision.Status.OPEN,
        )
    project.risks.filter(title__startswith="Instabilité").update(
        status=Risk.Status.MITIGATED, owner=members[0] if members else None
    )
    if not project.tranches.exists():
        _tranches(project)
    if "first_tranche" in milestones:  # the first tranche is awaited with its milestone
        project.tranches.filter(position=1).update(
            expected_date=milestones["first_tranche"].planned_date
        )
    for target in project.usage_targets.select_related("establishment", "reference"):
        if target.unit == "%":
            target.target_value, high = Decimal(80), 90
        elif "MSSanté" in target.indicator:
            target.target_value, high = Decimal(20), 25
        else:
            continue
        # two periods of values: the previous one, then the current one
        periods = progress.recent_periods(target.periodicity, today, 2)
        for period in reversed(periods):
            UsageValue.objects.create(
                target=target,
                period=period,
                value=Decimal(random_.randint(0, high)),
                proof_text="Extraction du DUI (démonstration)",
            )
        target.actual_value = target.values.order_by("-period", "-pk").first().value
        target.save()


def _tranches(project: Project) -> None:
    """Tranches computed from the rules of the grappe's campaign (no stored simulation)."""
    grappe = project.grappe
    rules = grappe_selectors.rules_for(grappe.programme, grappe.campaign)
    essms = [
        grappe_selectors.funded_essms(entry, rules)
        for entry in grappe_selectors.active_entries(grappe)
    ]
    planned = defaults.planned_tranches(simulate(grappe.programme, rules, essms), project.opened_on)
    Tranche.objects.bulk_create(
        Tranche(
            project=project,
            position=item.position,
            label=item.label,
            expected_amount=item.amount,
            expected_date=item.expected_date,
        )
        for item in planned
    )
