"""Factories of grappes and project items for the projects tests."""

import datetime

import factory

from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember
from mutualis.projects.models import (
    Decision,
    Meeting,
    Milestone,
    Project,
    Risk,
    Tranche,
    UsageTarget,
)
from tests.factories import EstablishmentFactory, ManagingBodyFactory


class GrappeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grappe
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Grappe du Bugey {n}")
    campaign = 2022
    carrier = factory.SubFactory(ManagingBodyFactory)
    status = Grappe.Status.SELECTED

    @factory.post_generation
    def carrier_member(self, create, extracted, **kwargs):
        """The carrier is an active member of its grappe, as ``create_grappe`` makes it."""
        if create:
            GrappeMember.objects.get_or_create(
                grappe=self,
                managing_body=self.carrier,
                defaults={"status": GrappeMember.Status.ACTIVE},
            )


class GrappeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrappeMember
        django_get_or_create = ("grappe", "managing_body")

    grappe = factory.SubFactory(GrappeFactory)
    managing_body = factory.SubFactory(ManagingBodyFactory)
    status = GrappeMember.Status.ACTIVE


class GrappeEstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrappeEstablishment

    member = factory.SubFactory(GrappeMemberFactory)
    grappe = factory.SelfAttribute("member.grappe")
    establishment = factory.SubFactory(
        EstablishmentFactory, managing_body=factory.SelfAttribute("..member.managing_body")
    )
    situation = "no_dui"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    grappe = factory.SubFactory(GrappeFactory)
    opened_on = datetime.date(2026, 1, 5)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Jalon {n}")
    planned_date = datetime.date(2026, 3, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    project = factory.SubFactory(ProjectFactory)
    date = datetime.date(2026, 2, 1)


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risque {n}")
    likelihood = 2
    impact = 2


class TrancheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tranche

    project = factory.SubFactory(ProjectFactory)
    label = factory.Sequence(lambda n: f"Tranche {n}")
    expected_amount = 1000


class UsageTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsageTarget

    project = factory.SubFactory(ProjectFactory)
    establishment = factory.SubFactory(EstablishmentFactory)
    indicator = factory.Sequence(lambda n: f"Indicateur {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    project = factory.SelfAttribute("meeting.project")
    text = factory.Sequence(lambda n: f"Décision {n}")
