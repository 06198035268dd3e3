"""Writes of action plans, one function per user action, each with its audit row.

Permissions are checked by the views (``perms``); services enforce the data rules (``rules``)
and raise ``ValidationError`` with French messages."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mutualis.actionplans import levers as plan_levers
from mutualis.actionplans import rules
from mutualis.actionplans.models import Action, ActionPlan, ActionUpdate, Comment
from mutualis.core import audit
from mutualis.territories.models import Region
from mutualis.workshops import survey_selectors
from mutualis.workshops.models import NeedsSurvey, Workshop
from mutualis.workshops.tally import Tally

ACTION_FIELDS = (
    "lever_code",
    "title",
    "description",
    "owner_kind",
    "owner_body",
    "owner_label",
    "starts_on",
    "due_on",
)


def workshop_levers(workshop: Workshop) -> list[dict]:
    rows = Tally.from_dict(workshop.results).rows if workshop.results else []
    if not rows:  # closed before any vote was frozen: the session's levers, unranked
        return [
            plan_levers.PlanLever(lever.code, lever.label, None, "").as_dict
            for lever in workshop.levers.all()
        ]
    return [row.as_dict for row in plan_levers.from_tally(rows)]


def survey_levers(survey: NeedsSurvey) -> list[dict]:
    return [row.as_dict for row in plan_levers.from_shares(survey_selectors.report(survey).shares)]


@transaction.atomic
def open_plan(
    actor,
    region: Region,
    *,
    workshop: Workshop | None = None,
    survey: NeedsSurvey | None = None,
    title: str = "",
    today: datetime.date | None = None,
    is_demo: bool = False,
) -> ActionPlan:
    """A plan following a closed workshop or a finished survey, horizon at six months."""
    if (workshop is None) == (survey is None):
        raise ValidationError("Un plan d'action suit un atelier clos ou un recensement terminé.")
    today = today or timezone.localdate()
    if workshop is not None:
        if not workshop.is_frozen:
            raise ValidationError("Le vote de l'atelier n'est pas clos.")
        levers, source = workshop_levers(workshop), f"Atelier « {workshop.title} »"
    else:
        if not survey.is_finished:
            raise ValidationError("Le recensement n'est pas terminé.")
        levers, source = survey_levers(survey), f"Recensement « {survey.title} »"
    plan = ActionPlan.objects.create(
        title=title or f"Plan d'action à 6 mois — {region.name}",
        region=region,
        workshop=workshop,
        survey=survey,
        source_label=source[:300],
        levers=levers,
        facilitator=actor if getattr(actor, "is_authenticated", False) else None,
        opened_on=today,
        horizon_on=rules.default_horizon(today),
        is_demo=is_demo,
    )
    audit.record(actor, "actionplan.open", plan, {"source": source, "region": region.pk})
    return plan


@transaction.atomic
def set_horizon(actor, plan: ActionPlan, horizon_on: datetime.date) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    latest = plan.actions.aggregate(latest=Max("due_on"))["latest"]
    rules.check_horizon(plan.opened_on, horizon_on, latest)
    changes = audit.diff_fields(plan, {"horizon_on": horizon_on})
    plan.horizon_on = horizon_on
    plan.save(update_fields=["horizon_on"])
    audit.record(actor, "actionplan.horizon", plan, changes)
    return plan


@transaction.atomic
def set_published(actor, plan: ActionPlan, published: bool) -> ActionPlan:
    plan.published_at = timezone.now() if published else None
    plan.save(update_fields=["published_at"])
    audit.record(actor, "actionplan.publish" if published else "actionplan.unpublish", plan)
    return plan


def _check_owner(data: dict) -> None:
    kind = data.get("owner_kind")
    if kind == Action.OwnerKind.BODY and data.get("owner_body") is None:
        raise ValidationError({"owner_body": "Choisissez l'organisme responsable."})
    if kind == Action.OwnerKind.OTHER and not data.get("owner_label", "").strip():
        raise ValidationError({"owner_label": "Nommez le responsable de l'action."})
    if kind != Action.OwnerKind.BODY:
        data["owner_body"] = None


def _check_lever(plan: ActionPlan, code: str) -> None:
    if code and code not in {row["code"] for row in plan.levers}:
        raise ValidationError({"lever_code": "Ce levier n'est pas l'un de ceux du plan."})


@transaction.atomic
def add_action(actor, plan: ActionPlan, **data) -> Action:
    data = {name: data[name] for name in ACTION_FIELDS if name in data}
    _check_owner(data)
    _check_lever(plan, data.get("lever_code", ""))
    rules.check_dates(data["starts_on"], data["due_on"], plan.opened_on, plan.horizon_on)
    position = (plan.actions.aggregate(last=Max("position"))["last"] or 0) + 1
    action = Action.objects.create(plan=plan, position=position, **data)
    audit.record(actor, "actionplan.action_add", action, {"title": action.title})
    return action


@transaction.atomic
def edit_action(actor, action: Action, **data) -> Action:
    data = {name: data[name] for name in ACTION_FIELDS if name in data}
    _check_owner(data)
    plan = action.plan
    _check_lever(plan, data.get("lever_code", ""))
    rules.check_dates(
        data.get("starts_on", action.starts_on),
        data.get("due_on", action.due_on),
        plan.opened_on,
        plan.horizon_on,
    )
    changes = audit.diff_fields(action, data)
    for name, value in data.items():
        setattr(action, name, value)
    action.save()
    audit.record(actor, "actionplan.action_edit", action, changes)
    return action


@transaction.atomic
def record_update(
    actor,
    action: Action,
    on: datetime.date,
    text: str,
    status: str = "",
    progress: int | None = None,
    today: datetime.date | None = None,
) -> ActionUpdate:
    """A dated timeline entry; a new status or progress moves the action, coherently."""
    rules.check_update_date(on, today or timezone.localdate())
    action = Action.objects.select_for_update().get(pk=action.pk)
    new_status, new_progress = rules.resolve(action.status, action.progress, status, progress)
    changes = audit.diff_fields(action, {"status": new_status, "progress": new_progress})
    action.status, action.progress = new_status, new_progress
    action.save(update_fields=["status", "progress", "updated_at"])
    update = ActionUpdate.objects.create(
        action=action,
        on=on,
        text=text,
        status=status,
        progress=progress,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor, "actionplan.action_update", action, changes)
    return update


@transaction.atomic
def comment(actor, action: Action, text: str) -> Comment:
    found = Comment.objects.create(action=action, author=actor, text=text)
    audit.record(actor, "actionplan.comment", found)
    return found


@transaction.atomic
def hide_comment(actor, found: Comment, hidden: bool = True) -> Comment:
    found.hidden_at = timezone.now() if hidden else None
    found.save(update_fields=["hidden_at"])
    audit.record(actor, "actionplan.comment_hide" if hidden else "actionplan.comment_show", found)
    return found


LINK_FIELDS = {"initiative": "initiatives", "rex": "reports", "grappe": "grappes"}


@transaction.atomic
def set_link(actor, action: Action, kind: str, target, linked: bool) -> None:
    relation = getattr(action, LINK_FIELDS[kind])
    (relation.add if linked else relation.remove)(target)
    audit.record(
        actor,
        "actionplan.link" if linked else "actionplan.unlink",
        action,
        {kind: str(getattr(target, "uid", target.pk))},
    )


@transaction.atomic
def open_next_plan(actor, plan: ActionPlan, today: datetime.date | None = None) -> ActionPlan:
    """The next plan of the territory: the same levers, the unfinished actions copied (dates
    moved into the new horizon), linked to this one."""
    today = today or timezone.localdate()
    horizon = rules.default_horizon(today)
    following = ActionPlan.objects.create(
        title=plan.title,
        region=plan.region,
        workshop=plan.workshop,
        survey=plan.survey,
        previous=plan,
        source_label=f"Suite du plan ouvert le {plan.opened_on:%d/%m/%Y}",
        levers=plan.levers,
        facilitator=actor if getattr(actor, "is_authenticated", False) else plan.facilitator,
        opened_on=today,
        horizon_on=horizon,
        is_demo=plan.is_demo,
    )
    unfinished = list(
        plan.actions.filter(status__in=[Action.Status.TODO, Action.Status.DOING]).order_by(
            "position", "pk"
        )
    )
    copies = []
    for old in unfinished:
        due = min(max(old.due_on, today), horizon)
        copies.append(
            Action(
                plan=following,
                copied_from=old,
                position=old.position,
                starts_on=today,
                due_on=due,
                status=old.status,
                progress=old.progress,
                **{
                    name: getattr(old, name)
                    for name in ACTION_FIELDS
                    if name not in ("starts_on", "due_on")
                },
            )
        )
    created = Action.objects.bulk_create(copies)
    for old, new in zip(unfinished, created, strict=True):
        new.initiatives.set(old.initiatives.all())
        new.reports.set(old.reports.all())
        new.grappes.set(old.grappes.all())
    audit.record(
        actor, "actionplan.next", following, {"previous": str(plan.uid), "copied": len(created)}
    )
    return following
