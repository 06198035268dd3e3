"""The cockpit of a région in a regional actor's space ("Mon espace"): its assessments, its
grappes by status, its late projects, its running surveys and workshops, what waits for
moderation. A fixed number of aggregate queries, whatever the région's size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode

from mutualis.accounts.perms import is_national_admin
from mutualis.directory.models import Establishment
from mutualis.grappes.models import Grappe, GrappeEstablishment
from mutualis.initiatives import selectors as initiatives
from mutualis.library import selectors as library
from mutualis.maturity.models import Assessment
from mutualis.projects.models import Project
from mutualis.territories.models import Region
from mutualis.workshops.models import NeedsSurvey, Workshop
from mutualis.workshops.selectors import workshops_of

LATE_SHOWN = 5


@dataclass(frozen=True)
class Item:
    label: str  # French, without the count
    count: int
    url: str


@dataclass(frozen=True)
class LateProject:
    name: str
    late: int  # milestones past their planned date, not reached
    url: str


@dataclass(frozen=True)
class Cockpit:
    title: str  # the région's name, or "France entière"
    campaign: int
    assessments: list[Item]
    grappes: list[Item]  # by status, only the statuses present
    grappe_total: int
    late_projects: list[LateProject]  # the most late first, at most LATE_SHOWN
    late_project_total: int
    running: list[Item]  # surveys and workshops
    moderation: list[Item]

    @property
    def waiting(self) -> int:
        return sum(item.count for item in self.moderation)


def title(regions: frozenset[str], national: bool) -> str:
    """The names of the régions (never their codes); "France entière" for the nation."""
    if national:
        return "France entière"
    return ", ".join(
        Region.objects.filter(code__in=regions).order_by("name").values_list("name", flat=True)
    )


def _campaign() -> int:
    """The latest campaign with a submitted assessment (the regional follow-up's default)."""
    latest = Assessment.objects.filter(status=Assessment.Status.SUBMITTED).aggregate(
        latest=Max("campaign")
    )["latest"]
    return latest or datetime.date.today().year


def _assessments(regions: frozenset[str], campaign: int) -> list[Item]:
    counts = Assessment.objects.filter(campaign=campaign, region__in=regions).aggregate(
        submitted=Count("pk", filter=Q(status=Assessment.Status.SUBMITTED)),
        shared=Count("pk", filter=Q(shared_with_region=True)),
    )
    follow_up = reverse("observatory:follow_up")
    query = urlencode({"campagne": campaign})
    return [
        Item(
            "autodiagnostics partagés avec la région",
            counts["shared"],
            f"{reverse('observatory:follow_up_shared')}?{query}",
        ),
        Item("autodiagnostics soumis", counts["submitted"], f"{follow_up}?{query}&etat=soumis"),
        Item(
            "ESSMS sans autodiagnostic",
            _without_assessment(regions, campaign),
            f"{follow_up}?{query}&etat=aucun",
        ),
    ]


def _without_assessment(regions: frozenset[str], campaign: int) -> int:
    """Open ESSMS of the régions with no assessment of the campaign, neither their own nor
    their managing body's (the follow-up's "Aucun")."""
    of_campaign = Assessment.objects.filter(campaign=campaign)
    own = of_campaign.filter(establishment=OuterRef("pk"))
    body = of_campaign.filter(managing_body=OuterRef("managing_body"), establishment=None)
    return (
        Establishment.objects.filter(is_closed=False, region__in=regions)
        .exclude(Exists(own))
        .exclude(Exists(body))
        .count()
    )


def _grappes_in(regions: frozenset[str]) -> Q:
    """Grappes deposited in the régions, or not deposited yet with ESSMS there."""
    with_essms = Exists(
        GrappeEstablishment.objects.filter(grappe=OuterRef("pk"), establishment__region__in=regions)
    )
    return Q(deposit_region__in=regions) | (Q(deposit_region=None) & Q(with_essms))


def _grappes(regions: frozenset[str]) -> list[Item]:
    counts = dict(
        Grappe.objects.filter(_grappes_in(regions))
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    url = reverse("grappes:instruction")
    return [
        Item(label, counts[status], f"{url}?{urlencode({'etat': status})}")
        for status, label in Grappe.Status.choices
        if counts.get(status)
    ]


def _late_projects(regions: frozenset[str], today: datetime.date) -> tuple[list[LateProject], int]:
    projects = (
        Project.objects.filter(
            _grappes_in_project(regions),
            milestones__actual_date=None,
            milestones__planned_date__lt=today,
        )
        .exclude(grappe__status=Grappe.Status.CLOSED)
        .annotate(late=Count("milestones", distinct=True))
        .select_related("grappe")
        .order_by("-late", "grappe__name")
    )
    shown = [
        LateProject(
            project.grappe.name, project.late, reverse("projects:milestones", args=[project.uid])
        )
        for project in projects[:LATE_SHOWN]
    ]
    return shown, projects.count()


def _grappes_in_project(regions: frozenset[str]) -> Q:
    return Q(grappe__in=Grappe.objects.filter(_grappes_in(regions)).values("pk"))


def _running(user, regions: frozenset[str], national: bool, today: datetime.date) -> list[Item]:
    surveys = NeedsSurvey.objects.filter(closed_at=None, opens_on__lte=today, closes_on__gte=today)
    if not national:
        surveys = surveys.filter(Q(scope=NeedsSurvey.Scope.NATIONAL) | Q(region__in=regions))
    workshops = workshops_of(user).filter(status=Workshop.Status.OPEN)
    return [
        Item("recensements des besoins ouverts", surveys.count(), reverse("workshops:surveys")),
        Item(
            "ateliers au vote ouvert" + ("" if is_national_admin(user) else " que vous animez"),
            workshops.count(),
            reverse("workshops:sessions"),
        ),
    ]


def _moderation(user, regions: frozenset[str], national: bool) -> list[Item]:
    proposed = initiatives.moderation_queue(user)
    reports = library.moderation_queue(user)
    if not national:
        proposed, reports = proposed.filter(region__in=regions), reports.filter(region__in=regions)
    return [
        Item("initiatives proposées à relire", proposed.count(), reverse("initiatives:moderation")),
        Item(
            "retours d'expérience proposés à relire",
            reports.count(),
            reverse("library:moderation"),
        ),
    ]


def cockpit(user, regions: frozenset[str], national: bool, today: datetime.date) -> Cockpit:
    """The cockpit of ``regions`` (the actor's régions, or the one a national administrator
    picked); ``national``: every région, named "France entière"."""
    campaign = _campaign()
    grappes = _grappes(regions)
    late, late_total = _late_projects(regions, today)
    return Cockpit(
        title=title(regions, national),
        campaign=campaign,
        assessments=_assessments(regions, campaign),
        grappes=grappes,
        grappe_total=sum(item.count for item in grappes),
        late_projects=late,
        late_project_total=late_total,
        running=_running(user, regions, national, today),
        moderation=_moderation(user, regions, national),
    )
