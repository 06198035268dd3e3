"""Reads of the projects app, scoped by permission, and the inputs of the pure dashboard."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.agreements.models import Agreement
from mutualis.core.models import AuditLog
from mutualis.grappes.models import GrappeMember
from mutualis.projects import progress
from mutualis.projects.models import (
    Decision,
    Milestone,
    Project,
    Risk,
    Tranche,
    UsageTarget,
    UsageValue,
)
from mutualis.projects.perms import can_view_project

ACTIONS = {
    "project.open": "a ouvert le suivi du projet",
    "project.tranches_import": "a repris les tranches de la simulation",
    "project.milestone_add": "a ajouté le jalon",
    "project.milestone_update": "a modifié le jalon",
    "project.milestone_delete": "a supprimé le jalon",
    "project.meeting_add": "a ajouté",
    "project.meeting_update": "a modifié",
    "project.meeting_delete": "a supprimé",
    "project.risk_add": "a ajouté le risque",
    "project.risk_update": "a modifié le risque",
    "project.risk_delete": "a supprimé le risque",
    "project.tranche_add": "a ajouté la tranche",
    "project.tranche_update": "a modifié la tranche",
    "project.tranche_delete": "a supprimé la tranche",
    "project.target_add": "a ajouté la cible d'usage",
    "project.target_update": "a mis à jour la cible d'usage",
    "project.target_delete": "a supprimé la cible d'usage",
    "project.value_record": "a enregistré une valeur de la cible d'usage",
    "project.decision_add": "a ajouté la décision",
    "project.decision_update": "a modifié la décision",
    "project.decision_delete": "a supprimé la décision",
    "project.reminder": "Rappel envoyé par e-mail pour",
    "grappe.status": "a changé l'état de la grappe",
    "grappe.create": "a créé la grappe",
    "grappe.suggest": "a proposé la grappe",
    "grappe.invite": "a invité un organisme",
    "grappe.answer": "a répondu à une invitation",
    "grappe.entries": "a choisi les ESSMS d'un membre",
    "grappe.simulate": "a simulé le financement",
    "grappe.share_assessment": "a partagé un autodiagnostic",
    "grappe.unshare_assessment": "a retiré un autodiagnostic partagé",
    "cooperation.round": "a ouvert un tour d'évaluation de la coopération",
    "cooperation.answer": "a répondu à l'évaluation de la coopération",
    "agreement.create": "a préparé la convention",
    "agreement.clause": "a modifié une clause de la convention",
    "agreement.version": "a généré une version de la convention",
    "agreement.status": "a changé l'état de la convention",
    "agreement.signature": "a enregistré une signature de la convention",
}
OTHER_ACTION = "a fait une modification"


def visible_projects(user) -> QuerySet[Project]:
    """Projects of the user's active grappes, of its régions, or all (national admins)."""
    projects = Project.objects.select_related("grappe__carrier").order_by("grappe__name")
    if is_national_admin(user):
        return projects
    mine = Q(
        grappe__members__status=GrappeMember.Status.ACTIVE,
        grappe__members__managing_body__memberships__user=user,
    )
    regions = region_codes(user)
    if regions:
        mine |= Q(grappe__carrier__establishments__region__in=regions)
    return projects.filter(mine).distinct()


def project_for(user, uid) -> Project:
    """The project, 404 if unknown, 403 if the user may not see it."""
    project = get_object_or_404(
        Project.objects.select_related("grappe__carrier", "opened_by"), uid=uid
    )
    if not can_view_project(user, project):
        raise PermissionDenied
    return project


def members(project: Project) -> list[GrappeMember]:
    """Active members, the carrier first."""
    active = project.grappe.members.filter(status=GrappeMember.Status.ACTIVE).select_related(
        "managing_body"
    )
    return sorted(
        active,
        key=lambda m: (
            m.managing_body_id != project.grappe.carrier_id,
            m.managing_body.display_name,
        ),
    )


def milestones(project: Project) -> QuerySet[Milestone]:
    return project.milestones.select_related("responsible__managing_body", "establishment")


@dataclass(frozen=True)
class TimelineEntry:
    milestone: Milestone | None  # None: the "today" marker
    late: bool = False
    due_soon: bool = False


def timeline(project: Project, today: datetime.date, soon_days: int = 7) -> list[TimelineEntry]:
    """Milestones by planned date, with a marker for today before the first one to come."""
    entries: list[TimelineEntry] = []
    marked = False
    for milestone in milestones(project):
        if not marked and milestone.planned_date >= today:
            entries.append(TimelineEntry(None))
            marked = True
        entries.append(
            TimelineEntry(
                milestone, milestone.is_late(today), milestone.is_due_within(today, soon_days)
            )
        )
    if not marked:
        entries.append(TimelineEntry(None))
    return entries


def suggested_host(project: Project) -> GrappeMember | None:
    active = members(project)
    hostings = project.meetings.exclude(host=None).values_list("host_id", "date")
    by_id = {member.pk: member for member in active}
    chosen = progress.next_host(list(by_id), list(hostings))
    return by_id.get(chosen)


def risks(project: Project) -> list[Risk]:
    """Most critical first."""
    items = project.risks.select_related("owner__managing_body")
    return sorted(items, key=lambda r: (r.status == Risk.Status.CLOSED, -r.criticality, r.pk))


def risk_matrix(project: Project):
    """Counts of the risks not closed, by likelihood and impact."""
    pairs = project.risks.exclude(status=Risk.Status.CLOSED).values_list("likelihood", "impact")
    return progress.risk_matrix(list(pairs))


def usage_targets(project: Project):
    """Targets with their values, latest first (``target.latest``)."""
    values = UsageValue.objects.select_related("recorded_by").order_by(
        "-period", "-recorded_at", "-pk"
    )
    return (
        project.usage_targets.select_related("establishment__managing_body", "reference")
        .prefetch_related(Prefetch("values", queryset=values))
        .order_by("establishment__name", "reference__position", "indicator")
    )


def value_history(target) -> QuerySet[UsageValue]:
    """Every value recorded for a target, the latest period and record first."""
    return target.values.select_related("recorded_by").order_by("-period", "-recorded_at", "-pk")


def decisions(project: Project) -> QuerySet[Decision]:
    """The decision log: decisions of every meeting, oldest meeting first."""
    return project.decisions.select_related("meeting", "owner__managing_body").order_by(
        "meeting__date", "meeting__pk", "pk"
    )


def usage(project: Project) -> progress.UsageProgress:
    return progress.usage_progress(
        [
            progress.TargetValue(
                target.establishment_id,
                target.establishment.name,
                target.target_value,
                target.actual_value,
            )
            for target in usage_targets(project)
        ]
    )


def funding(project: Project) -> progress.FundingSummary:
    return progress.funding_summary(
        list(project.tranches.values_list("expected_amount", "received_amount"))
    )


@dataclass(frozen=True)
class Activity:
    log: AuditLog
    sentence: str


def activity(project: Project, limit: int = 15) -> list[Activity]:
    """Latest audit rows of the project, of its grappe and of its agreement, as sentences."""
    agreements = [
        str(uid)
        for uid in Agreement.objects.filter(grappe=project.grappe_id).values_list("uid", flat=True)
    ]
    rows = (
        AuditLog.objects.filter(
            Q(object_type="projects.project", object_id=str(project.uid))
            | Q(object_type="grappes.grappe", object_id=str(project.grappe.uid))
            | Q(object_type="agreements.agreement", object_id__in=agreements)
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
    feed = []
    for row in rows:
        verb = ACTIONS.get(row.action, OTHER_ACTION)
        item = row.changes.get("item", "")
        if row.action == "project.reminder":
            sentence = f"{verb} {row.changes.get('milestones', 0)} jalon(s)"
        else:
            who = str(row.actor) if row.actor else "Mutualis"
            sentence = f"{who} {verb}" + (f" « {item} »" if item else "")
        feed.append(Activity(row, sentence))
    return feed


def has_simulation(project: Project) -> bool:
    return project.grappe.simulations.exists()


# The regional view: projects of the grappes of a regional actor's régions.


def regional_projects(user) -> QuerySet[Project]:
    """Projects whose grappe is deposited in one of the user's régions (before a deposit
    région is fixed: one of its ESSMS is there); every project for national admins."""
    projects = Project.objects.select_related("grappe__carrier", "grappe__deposit_region")
    if is_national_admin(user):
        return projects.order_by("grappe__name")
    regions = region_codes(user)
    if not regions:
        return projects.none()
    scope = Q(grappe__deposit_region__in=regions) | Q(
        grappe__deposit_region=None,
        grappe__establishments__establishment__region__in=regions,
    )
    return projects.filter(scope).distinct().order_by("grappe__name")


@dataclass
class RegionalRow:
    project: Project
    milestones: int = 0
    late: list[Milestone] = field(default_factory=list)
    tranches: int = 0
    tranches_received: int = 0
    expected: Decimal = Decimal(0)
    received: Decimal = Decimal(0)
    usage: progress.UsageProgress | None = None

    @property
    def funding_percent(self) -> Decimal | None:
        return progress.funding_summary([(self.expected, self.received)]).percent


def regional_rows(projects: list[Project], today: datetime.date) -> list[RegionalRow]:
    """Late milestones, tranches expected and received, usage progress of a page of projects
    (four queries whatever the number of projects)."""
    rows = {project.pk: RegionalRow(project) for project in projects}
    ids = list(rows)
    counts = (
        Milestone.objects.filter(project__in=ids)
        .values("project")
        .annotate(total=Count("pk"))
        .values_list("project", "total")
    )
    for project_id, total in counts:
        rows[project_id].milestones = total
    late = Milestone.objects.filter(
        project__in=ids, actual_date=None, planned_date__lt=today
    ).order_by("planned_date", "position")
    for milestone in late:
        rows[milestone.project_id].late.append(milestone)
    sums = (
        Tranche.objects.filter(project__in=ids)
        .values("project")
        .annotate(
            count=Count("pk"),
            received_count=Count("pk", filter=Q(received_date__isnull=False)),
            expected=Sum("expected_amount"),
            received=Sum("received_amount"),
        )
    )
    for item in sums:
        row = rows[item["project"]]
        row.tranches, row.tranches_received = item["count"], item["received_count"]
        row.expected = item["expected"] or Decimal(0)
        row.received = item["received"] or Decimal(0)
    targets: dict[int, list[progress.TargetValue]] = defaultdict(list)
    for project_id, essms, name, target, actual in UsageTarget.objects.filter(
        project__in=ids
    ).values_list(
        "project", "establishment", "establishment__name", "target_value", "actual_value"
    ):
        targets[project_id].append(progress.TargetValue(essms, name, target, actual))
    for project_id, row in rows.items():
        row.usage = progress.usage_progress(targets[project_id])
    return list(rows.values())
