"""Who sees, runs, updates and comments a plan.

- the facilitator (who opened it) and national administrators run it: actions, horizon,
  publication, moderation, review, next plan;
- an action's owners update it: members of its owner organisation; for an ARS, GRADeS or
  collectif SI owner, the regional actors of the plan's région;
- participants comment: users with an organisation in the plan's région, regional actors of
  the région, the facilitator;
- everyone reads a published plan's public page.
"""

from __future__ import annotations

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_member, is_national_admin, is_signed_in, region_codes
from mutualis.actionplans.models import Action, ActionPlan
from mutualis.directory.models import ManagingBody
from mutualis.workshops.models import NeedsSurvey, Workshop
from mutualis.workshops.perms import can_manage_survey, can_manage_workshop

REGIONAL_OWNERS = (Action.OwnerKind.ARS, Action.OwnerKind.GRADES, Action.OwnerKind.COLLECTIF)


def can_manage_plan(user, plan: ActionPlan) -> bool:
    if not is_signed_in(user):
        return False
    return plan.facilitator_id == user.pk or is_national_admin(user)


def is_regional_actor_of(user, plan: ActionPlan) -> bool:
    return plan.region_id in region_codes(user)


def territory_body_ids(user, plan: ActionPlan) -> frozenset[int]:
    """The user's organisations based in the plan's région (cached on the plan per user)."""
    mine = actor_of(user).body_ids
    if not mine:
        return frozenset()
    cache = plan.__dict__.setdefault("_territory_bodies", {})
    if user.pk not in cache:
        cache[user.pk] = frozenset(
            ManagingBody.objects.filter(
                pk__in=mine, departement__region_id=plan.region_id
            ).values_list("pk", flat=True)
        )
    return cache[user.pk]


def owns_action(user, action: Action) -> bool:
    if action.owner_kind == Action.OwnerKind.BODY:
        return action.owner_body_id is not None and is_member(user, action.owner_body_id)
    if action.owner_kind in REGIONAL_OWNERS:
        return is_regional_actor_of(user, action.plan)
    return False


def can_update_action(user, action: Action) -> bool:
    return is_signed_in(user) and (can_manage_plan(user, action.plan) or owns_action(user, action))


def owned_body_ids(plan: ActionPlan) -> set[int]:
    cache = plan.__dict__.setdefault("_owner_bodies", None)
    if cache is None:
        cache = set(plan.actions.exclude(owner_body=None).values_list("owner_body_id", flat=True))
        plan.__dict__["_owner_bodies"] = cache
    return cache


def can_comment(user, plan: ActionPlan) -> bool:
    if not is_signed_in(user):
        return False
    return (
        can_manage_plan(user, plan)
        or is_regional_actor_of(user, plan)
        or bool(territory_body_ids(user, plan))
    )


def can_view_plan(user, plan: ActionPlan) -> bool:
    """The working page: participants and owners (a published plan's public page is for
    everyone)."""
    if not is_signed_in(user):
        return False
    return can_comment(user, plan) or bool(actor_of(user).body_ids & owned_body_ids(plan))


def can_read_public(plan: ActionPlan) -> bool:
    return plan.is_published


def can_export(user, plan: ActionPlan) -> bool:
    return plan.is_published or can_view_plan(user, plan)


def can_open_from_workshop(user, workshop: Workshop) -> bool:
    """The facilitator of a closed (or archived) workshop."""
    return workshop.is_frozen and can_manage_workshop(user, workshop)


def staffs_survey(user, survey: NeedsSurvey) -> bool:
    """As ``survey_selectors.surveys_for_staff``: its managers, every regional actor for a
    national survey."""
    return can_manage_survey(user, survey) or (
        survey.scope == NeedsSurvey.Scope.NATIONAL and bool(region_codes(user))
    )


def can_open_from_survey(user, survey: NeedsSurvey) -> bool:
    return survey.is_finished and staffs_survey(user, survey)
