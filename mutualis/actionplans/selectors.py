"""Reads of action plans: the ones a user may see, a plan's actions and timeline, the sources
a facilitator may open a plan from, the objects an action may link to."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.actionplans import levers as plan_levers
from mutualis.actionplans import review as plan_review
from mutualis.actionplans.models import Action, ActionPlan, ActionUpdate, Comment
from mutualis.directory.models import ManagingBody
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.initiatives import selectors as initiatives
from mutualis.library import selectors as library
from mutualis.workshops.models import NeedsSurvey, Workshop
from mutualis.workshops.survey_selectors import surveys_for_staff

REMINDER_DAYS = 7
LINK_RESULTS = 10


def plans_for(user) -> QuerySet[ActionPlan]:
    """Published plans for everyone; for signed-in users also the plans they run, of their
    régions (regional actors, organisations based there) and those they own actions of."""
    found = ActionPlan.objects.select_related("region")
    visible = Q(published_at__isnull=False)
    if getattr(user, "is_authenticated", False):
        if is_national_admin(user):
            return found
        actor = actor_of(user)
        regions = set(region_codes(user))
        regions |= set(
            ManagingBody.objects.filter(pk__in=actor.body_ids)
            .exclude(departement=None)
            .values_list("departement__region_id", flat=True)
        )
        visible |= Q(facilitator=user) | Q(region__in=regions)
        visible |= Q(actions__owner_body__in=actor.body_ids)
    return found.filter(visible).distinct()


def plan_by_uid(uid) -> ActionPlan | None:
    return ActionPlan.objects.select_related("region", "facilitator").filter(uid=uid).first()


def actions_of(plan: ActionPlan) -> QuerySet[Action]:
    return plan.actions.select_related("owner_body").order_by("lever_code", "due_on", "position")


def lever_rows(plan: ActionPlan) -> list[plan_levers.PlanLever]:
    return plan_levers.from_json(plan.levers)


def lever_labels(plan: ActionPlan) -> dict[str, str]:
    return {row.code: row.label for row in lever_rows(plan)}


def grouped_actions(plan: ActionPlan) -> list[tuple[plan_levers.PlanLever | None, list[Action]]]:
    """The plan's levers in their frozen order, each with its actions; then actions without a
    lever."""
    actions = list(actions_of(plan))
    groups = [(row, [a for a in actions if a.lever_code == row.code]) for row in lever_rows(plan)]
    known = {row.code for row in lever_rows(plan)}
    loose = [a for a in actions if a.lever_code not in known]
    if loose:
        groups.append((None, loose))
    return groups


def timeline(action: Action) -> QuerySet[ActionUpdate]:
    return action.updates.select_related("author")


def plan_timeline(plan: ActionPlan) -> QuerySet[ActionUpdate]:
    return ActionUpdate.objects.filter(action__plan=plan).select_related("action", "author")


def comments_of(action: Action, moderator: bool) -> QuerySet[Comment]:
    found = action.comments.select_related("author")
    return found if moderator else found.filter(hidden_at=None)


def plan_review_of(plan: ActionPlan, today: datetime.date):
    facts = [
        plan_review.ActionFacts(a.lever_code, a.status, a.progress, a.due_on, a.title)
        for a in actions_of(plan)
    ]
    return plan_review.review([(row.code, row.label) for row in lever_rows(plan)], facts, today)


def closed_workshops_of(user) -> QuerySet[Workshop]:
    """Workshops the user ran, closed or archived."""
    if not getattr(user, "is_authenticated", False):
        return Workshop.objects.none()
    return Workshop.objects.filter(
        facilitator=user, status__in=[Workshop.Status.CLOSED, Workshop.Status.ARCHIVED]
    ).order_by("-closed_at")


def finished_surveys_of(user) -> QuerySet[NeedsSurvey]:
    today = datetime.date.today()
    return (
        surveys_for_staff(user)
        .filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today))
        .order_by("-closes_on")
    )


def plan_from(workshop=None, survey=None) -> ActionPlan | None:
    """The latest plan opened from this workshop or survey."""
    if workshop is not None:
        return ActionPlan.objects.filter(workshop=workshop).order_by("-created_at").first()
    return ActionPlan.objects.filter(survey=survey).order_by("-created_at").first()


def open_actions_of_body(body_id: int, today: datetime.date) -> QuerySet[Action]:
    """Open actions the body owns, due within the reminder window or overdue."""
    return Action.objects.filter(
        owner_body_id=body_id,
        status__in=[Action.Status.TODO, Action.Status.DOING],
        due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
    ).select_related("plan")


def linkable(user, query: str) -> dict[str, list]:
    """Objects the user may see and link, whose title holds every word of ``query``."""
    words = query.split()[:6]
    found_initiatives = initiatives.published()
    found_reports = library.published()
    found_grappes = visible_grappes(user)
    for word in words:
        found_initiatives = found_initiatives.filter(title__icontains=word)
        found_reports = found_reports.filter(title__icontains=word)
        found_grappes = found_grappes.filter(name__icontains=word)
    return {
        "initiatives": list(found_initiatives.order_by("title")[:LINK_RESULTS]),
        "reports": list(found_reports.order_by("title")[:LINK_RESULTS]),
        "grappes": list(found_grappes.order_by("name")[:LINK_RESULTS]),
    }


def visible_grappes(user) -> QuerySet[Grappe]:
    """Grappes the user may see (as ``grappes.perms.can_view_grappe``): national
    administrators all; regional actors those of their régions; members those they belong
    to."""
    if is_national_admin(user):
        return Grappe.objects.all()
    regions = region_codes(user)
    bodies = actor_of(user).body_ids
    return Grappe.objects.filter(
        Q(deposit_region__in=regions)
        | Q(establishments__establishment__region__in=regions)
        | Q(carrier__establishments__region__in=regions)
        | Q(
            members__managing_body__in=bodies,
            members__status__in=[GrappeMember.Status.ACTIVE, GrappeMember.Status.INVITED],
        )
    ).distinct()
