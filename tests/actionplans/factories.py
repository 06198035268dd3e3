"""Builders of action plans: a closed workshop ranked by a few ballots, a plan opened from it,
actions with owners."""

from __future__ import annotations

import datetime

import factory

from mutualis.accounts.models import MembershipRole
from mutualis.actionplans import services
from mutualis.actionplans.models import Action, ActionPlan
from mutualis.territories.models import Region
from mutualis.workshops import services as workshop_services
from tests.factories import ManagingBodyFactory, MembershipFactory
from tests.workshops.conftest import new_workshop, ranked

OPENED = datetime.date(2026, 1, 5)


def closed_workshop(facilitator):
    """A workshop whose frozen ranking puts D first (6 stickers), then E, then C."""
    workshop = new_workshop(facilitator)
    for ballot in (ranked("D", "E", "C"), ranked("D", "C", "E")):
        workshop_services.vote(workshop_services.join(workshop), ballot)
    workshop_services.close_vote(facilitator, workshop)
    workshop.refresh_from_db()
    return workshop


def open_plan(facilitator, region="84", opened=OPENED, workshop=None) -> ActionPlan:
    workshop = workshop or closed_workshop(facilitator)
    return services.open_plan(
        facilitator, Region.objects.get(code=region), workshop=workshop, today=opened
    )


def body_admin(departement="01", **kwargs):
    """A managing body (of the département) and its administrator."""
    body = ManagingBodyFactory(departement_id=departement, **kwargs)
    return body, MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = None
    lever_code = "D"
    title = factory.Sequence(lambda n: f"Action {n}")
    owner_kind = Action.OwnerKind.BODY
    owner_body = factory.SubFactory(ManagingBodyFactory)
    starts_on = factory.LazyAttribute(lambda o: o.plan.opened_on)
    due_on = factory.LazyAttribute(lambda o: o.plan.opened_on + datetime.timedelta(days=60))
    status = Action.Status.TODO
    progress = 0
