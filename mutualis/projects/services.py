"""Project actions, one function per user action, each checked and audited. Audit rows target
the project (its activity feed reads them back) and name the item changed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.grappes import selectors as grappe_selectors
from mutualis.grappes import simulations
from mutualis.grappes.models import Grappe
from mutualis.projects import defaults, progress, proofs, reference
from mutualis.projects.models import (
    FUTURE_MILESTONE,
    FUTURE_RECEIPT,
    Decision,
    Meeting,
    Milestone,
    Project,
    Risk,
    Tranche,
    UsageTarget,
    UsageValue,
)
from mutualis.projects.perms import (
    can_admin_project,
    can_edit_project,
    can_edit_target,
    can_open_project,
    editable_establishment_ids,
)

MILESTONE_MEMBER_FIELDS = ("actual_date", "notes")
MEMBER_FIELDS = ("responsible", "host", "owner")
NEGATIVE = "Une valeur d'usage ne peut pas être négative."
RECORDABLE_PERIODS = 60  # how far back a value may be recorded, in periods


def _not_in_future(day: datetime.date | None, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(message)


def _not_negative(*values: Decimal | None) -> None:
    if any(value is not None and value < 0 for value in values):
        raise ValidationError(NEGATIVE)


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_members(project: Project, values: dict) -> None:
    """Responsible, host and owner must be members of the project's grappe."""
    for name in MEMBER_FIELDS:
        member = values.get(name)
        if member is not None and member.grappe_id != project.grappe_id:
            raise ValidationError("Ce membre n'appartient pas à la grappe.")


def _create(actor, project: Project, model: type[models.Model], values: dict, action: str):
    _check_members(project, values)
    item = model.objects.create(project=project, **values)
    audit.record(actor, action, project, {"item": str(item)})
    return item


def _update(actor, item: models.Model, values: dict, action: str):
    _check_members(item.project, values)
    changes = audit.diff_fields(item, values)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    audit.record(actor, action, item.project, {"item": str(item), **changes})
    return item


def _delete(actor, item: models.Model, action: str) -> None:
    audit.record(actor, action, item.project, {"item": str(item)})
    item.delete()


@transaction.atomic
def open_project(actor, grappe: Grappe, today: datetime.date | None = None) -> Project:
    """The carrier opens the follow-up of its selected grappe."""
    grappe = Grappe.objects.select_for_update().get(pk=grappe.pk)
    _check(can_open_project(actor, grappe))
    if Project.objects.filter(grappe=grappe).exists():
        raise ValidationError("Le suivi du projet est déjà ouvert.")
    project = build_project(grappe, today or timezone.localdate(), actor)
    audit.record(
        actor,
        "project.open",
        project,
        {"grappe": str(grappe.uid), "tranches": project.tranches.count()},
    )
    return project


def build_project(grappe: Grappe, opened_on: datetime.date, actor=None) -> Project:
    """A project with its defaults: milestones (one deployment per ESSMS), risks, usage-target
    indicators per ESSMS, tranches from the latest funding simulation. No permission check:
    called by open_project and the demo seeding."""
    project = Project.objects.create(grappe=grappe, opened_on=opened_on, opened_by=actor)
    entries = grappe_selectors.active_entries(grappe)
    member_of = {entry.establishment: entry.member for entry in entries}
    essms = [(entry.establishment, entry.establishment.name) for entry in entries]
    Milestone.objects.bulk_create(
        Milestone(
            project=project,
            code=planned.code,
            title=planned.title[:200],
            planned_date=planned.planned_date,
            position=planned.position,
            establishment=planned.essms_key,
            responsible=member_of.get(planned.essms_key),
        )
        for planned in defaults.planned_milestones(opened_on, essms)
    )
    Risk.objects.bulk_create(
        Risk(
            project=project,
            title=risk.title,
            likelihood=risk.likelihood,
            impact=risk.impact,
            mitigation=risk.mitigation,
            source=risk.source,
        )
        for risk in defaults.risk_templates()
    )
    indicators = list(reference.usage_indicators())
    UsageTarget.objects.bulk_create(
        UsageTarget(
            project=project,
            establishment=establishment,
            indicator=item.label,
            unit=item.unit,
            reference=item,
        )
        for establishment, _ in essms
        for item in indicators
    )
    _tranches_from_simulation(project)
    return project


def _tranches_from_simulation(project: Project) -> int:
    frozen = project.grappe.simulations.order_by("-created_at").first()
    if frozen is None:
        return 0
    declared = simulations.scenarios(frozen)[0][1]
    planned = defaults.planned_tranches(declared, project.opened_on)
    Tranche.objects.bulk_create(
        Tranche(
            project=project,
            position=tranche.position,
            label=tranche.label,
            expected_amount=tranche.amount,
            expected_date=tranche.expected_date,
        )
        for tranche in planned
    )
    return len(planned)


@transaction.atomic
def import_tranches(actor, project: Project) -> int:
    """Expected tranches from the latest simulation, when the project has none yet."""
    _check(can_admin_project(actor, project))
    if project.tranches.exists():
        raise ValidationError("Les tranches sont déjà renseignées : modifiez-les une à une.")
    count = _tranches_from_simulation(project)
    if not count:
        raise ValidationError("Aucune simulation de financement : simulez d'abord le financement.")
    audit.record(actor, "project.tranches_import", project, {"tranches": count})
    return count


# Milestones: the carrier plans them; members record their completion.


@transaction.atomic
def add_milestone(actor, project: Project, data: dict) -> Milestone:
    _check(can_admin_project(actor, project))
    _not_in_future(data.get("actual_date"), FUTURE_MILESTONE)
    return _create(actor, project, Milestone, data, "project.milestone_add")


@transaction.atomic
def update_milestone(actor, milestone: Milestone, data: dict) -> Milestone:
    project = milestone.project
    if can_admin_project(actor, project):
        values = data
    else:
        _check(can_edit_project(actor, project))
        values = {name: data[name] for name in MILESTONE_MEMBER_FIELDS if name in data}
    _not_in_future(values.get("actual_date"), FUTURE_MILESTONE)
    return _update(actor, milestone, values, "project.milestone_update")


@transaction.atomic
def delete_milestone(actor, milestone: Milestone) -> None:
    _check(can_admin_project(actor, milestone.project))
    _delete(actor, milestone, "project.milestone_delete")


# Meetings and risks: every active member records them; the carrier deletes.


@transaction.atomic
def add_meeting(actor, project: Project, data: dict) -> Meeting:
    _check(can_edit_project(actor, project))
    return _create(actor, project, Meeting, data, "project.meeting_add")


@transaction.atomic
def update_meeting(actor, meeting: Meeting, data: dict) -> Meeting:
    _check(can_edit_project(actor, meeting.project))
    return _update(actor, meeting, data, "project.meeting_update")


@transaction.atomic
def add_decision(actor, meeting: Meeting, data: dict) -> Decision:
    _check(can_edit_project(actor, meeting.project))
    return _create(
        actor, meeting.project, Decision, {**data, "meeting": meeting}, "project.decision_add"
    )


@transaction.atomic
def update_decision(actor, decision: Decision, data: dict) -> Decision:
    _check(can_edit_project(actor, decision.project))
    return _update(actor, decision, data, "project.decision_update")


@transaction.atomic
def delete_decision(actor, decision: Decision) -> None:
    _check(can_admin_project(actor, decision.project))
    _delete(actor, decision, "project.decision_delete")


@transaction.atomic
def delete_meeting(actor, meeting: Meeting) -> None:
    _check(can_admin_project(actor, meeting.project))
    _delete(actor, meeting, "project.meeting_delete")


@transaction.atomic
def add_risk(actor, project: Project, data: dict) -> Risk:
    _check(can_edit_project(actor, project))
    return _create(actor, project, Risk, data, "project.risk_add")


@transaction.atomic
def update_risk(actor, risk: Risk, data: dict) -> Risk:
    _check(can_edit_project(actor, risk.project))
    return _update(actor, risk, data, "project.risk_update")


@transaction.atomic
def delete_risk(actor, risk: Risk) -> None:
    _check(can_admin_project(actor, risk.project))
    _delete(actor, risk, "project.risk_delete")


# Funding tranches: the carrier alone (it receives and redistributes the funds).


@transaction.atomic
def add_tranche(actor, project: Project, data: dict) -> Tranche:
    _check(can_admin_project(actor, project))
    _not_in_future(data.get("received_date"), FUTURE_RECEIPT)
    return _create(actor, project, Tranche, data, "project.tranche_add")


@transaction.atomic
def update_tranche(actor, tranche: Tranche, data: dict) -> Tranche:
    """Also records a receipt; the first tranche received completes its milestone."""
    project = tranche.project
    _check(can_admin_project(actor, project))
    _not_in_future(data.get("received_date"), FUTURE_RECEIPT)
    _update(actor, tranche, data, "project.tranche_update")
    first = project.tranches.order_by("position", "pk").first()
    if tranche.received_date and first and first.pk == tranche.pk:
        milestone = project.milestones.filter(code="first_tranche", actual_date=None).first()
        if milestone:
            _update(
                actor, milestone, {"actual_date": tranche.received_date}, "project.milestone_update"
            )
    return tranche


@transaction.atomic
def delete_tranche(actor, tranche: Tranche) -> None:
    _check(can_admin_project(actor, tranche.project))
    _delete(actor, tranche, "project.tranche_delete")


# Usage targets: the carrier for every ESSMS, each member for its own.


@transaction.atomic
def add_target(actor, project: Project, data: dict) -> UsageTarget:
    allowed = editable_establishment_ids(actor, project)
    establishment = data["establishment"]
    in_grappe = project.grappe.establishments.filter(establishment=establishment).exists()
    _check(in_grappe and (allowed is None or establishment.pk in allowed))
    _not_negative(data.get("target_value"), data.get("actual_value"))
    if project.usage_targets.filter(
        establishment=establishment, indicator=data["indicator"]
    ).exists():
        raise ValidationError("Cet indicateur existe déjà pour cet ESSMS.")
    return _create(actor, project, UsageTarget, data, "project.target_add")


@transaction.atomic
def update_target(actor, target: UsageTarget, data: dict) -> UsageTarget:
    _check(can_edit_target(actor, target))
    values = {name: value for name, value in data.items() if name != "establishment"}
    _not_negative(values.get("target_value"), values.get("actual_value"))
    indicator = values.get("indicator", target.indicator)
    twins = target.project.usage_targets.filter(
        establishment=target.establishment_id, indicator=indicator
    )
    if twins.exclude(pk=target.pk).exists():
        raise ValidationError("Cet indicateur existe déjà pour cet ESSMS.")
    return _update(actor, target, values, "project.target_update")


@transaction.atomic
def delete_target(actor, target: UsageTarget) -> None:
    _check(can_admin_project(actor, target.project))
    _delete(actor, target, "project.target_delete")


@transaction.atomic
def record_value(
    actor,
    target: UsageTarget,
    *,
    period: str,
    value: Decimal,
    proof_text: str = "",
    proof_file: UploadedFile | None = None,
    today: datetime.date | None = None,
) -> UsageValue:
    """The value of a usage target for a period (the current one or a past one), with its
    proof; earlier records of the period stay as its history. The target's value shown on the
    dashboard becomes the latest period's."""
    target = (
        UsageTarget.objects.select_for_update(of=("self",))
        .select_related("reference")
        .get(pk=target.pk)
    )
    _check(can_edit_target(actor, target))
    _not_negative(value)
    periods = progress.recent_periods(
        target.periodicity, today or timezone.localdate(), RECORDABLE_PERIODS
    )
    if period not in periods:
        raise ValidationError("Choisissez la période en cours ou une période passée.")
    record = UsageValue(
        target=target,
        period=period,
        value=value,
        proof_text=proof_text[:500],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if proof_file:
        proof_file.seek(0)
        head = proof_file.read(4096)
        proof_file.seek(0)
        limit = settings.MUTUALIS.get("USAGE_PROOF_MAX_MB", 5) * 1024 * 1024
        try:
            record.proof_type = proofs.proof_type(proof_file.name, head, proof_file.size, limit)
        except proofs.ProofError as error:
            raise ValidationError(str(error)) from error
        record.proof_name = proof_file.name[-200:]
        record.proof_file = proof_file
    record.save()
    latest = target.values.order_by("-period", "-recorded_at", "-pk").first()
    previous = target.actual_value
    target.actual_value = latest.value
    target.save(update_fields=["actual_value", "updated_at"])
    audit.record(
        actor,
        "project.value_record",
        target.project,
        {
            "item": str(target),
            "period": period,
            "value": [str(previous) if previous is not None else "", str(value)],
            "proof": record.proof_name or record.proof_text,
        },
    )
    return record
