"""Reads of needs surveys: the ones a user may answer or analyse, and the needs analysis."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.directory.models import SizeClass
from mutualis.finess.models import Sector
from mutualis.initiatives.models import SiDomain
from mutualis.territories.models import Departement, Region
from mutualis.workshops import analysis
from mutualis.workshops.models import NeedsSurvey, SurveyAnswer


def minimum() -> int:
    return settings.MUTUALIS["SMALL_CELL_MINIMUM"]


def surveys_for_staff(user) -> QuerySet[NeedsSurvey]:
    """Surveys whose results the user may read: all for national administrators; national
    ones and those of their régions for regional actors."""
    found = NeedsSurvey.objects.select_related("region")
    if is_national_admin(user):
        return found
    regions = region_codes(user)
    if not regions:
        return found.none()
    return found.filter(Q(scope=NeedsSurvey.Scope.NATIONAL) | Q(region__in=regions))


def open_surveys_for(body) -> QuerySet[NeedsSurvey]:
    """Open surveys a managing body (or one of its ESSMS) may answer."""
    today = timezone.localdate()
    # A regional survey is answered only for the body's open ESSMS of the région.
    regions = set(body.establishments.filter(is_closed=False).values_list("region_id", flat=True))
    return NeedsSurvey.objects.filter(
        Q(scope=NeedsSurvey.Scope.NATIONAL) | Q(region__in=regions - {None}),
        closed_at=None,
        opens_on__lte=today,
        closes_on__gte=today,
    ).select_related("region")


def finished_surveys_answered_by(body) -> QuerySet[NeedsSurvey]:
    """Finished surveys the managing body (or one of its ESSMS) answered: their analysis is
    open to its members."""
    today = timezone.localdate()
    return (
        NeedsSurvey.objects.filter(answers__managing_body=body)
        .filter(Q(closed_at__isnull=False) | Q(closes_on__lt=today))
        .distinct()
        .order_by("-closes_on")
    )


def answers_of(survey: NeedsSurvey, body) -> QuerySet[SurveyAnswer]:
    return survey.answers.filter(managing_body=body).select_related("establishment")


def answer_for(survey: NeedsSurvey, body, establishment) -> SurveyAnswer | None:
    return (
        survey.answers.filter(managing_body=body, establishment=establishment)
        .prefetch_related("ratings__lever", "needs")
        .first()
    )


def survey_levers(survey: NeedsSurvey) -> list[tuple[str, str]]:
    return [(lever.code, lever.label) for lever in survey.levers.order_by("position", "code")]


def responses(survey: NeedsSurvey) -> list[analysis.Response]:
    answers = survey.answers.prefetch_related("ratings__lever", "needs")
    return [
        analysis.Response(
            sector=answer.sector_id,
            size_class=answer.size_class or None,
            region=answer.region_id,
            departement=answer.departement_id,
            ratings=tuple((rating.lever.code, rating.level) for rating in answer.ratings.all()),
            needs=tuple(domain.code for domain in answer.needs.all()),
            is_demo=answer.is_demo,
        )
        for answer in answers
    ]


@dataclass(frozen=True)
class Dimension:
    slug: str
    label: str
    groups: list[analysis.Group]


@dataclass(frozen=True)
class SurveyReport:
    respondents: int
    levers: list[tuple[str, str]]
    shares: list[analysis.LeverShare]
    dimensions: list[Dimension]
    needs: list[analysis.NeedShare]
    comments: list[str]
    minimum: int
    has_demo_data: bool

    @property
    def is_secret(self) -> bool:
        return self.respondents < self.minimum

    @property
    def respondents_label(self) -> str:
        """The number of respondents, or "moins de N répondants" (a lone one never shows)."""
        if self.is_secret:
            return f"moins de {self.minimum} répondants"
        return f"{self.respondents} répondant{'s' if self.respondents > 1 else ''}"


def report(survey: NeedsSurvey) -> SurveyReport:
    found = responses(survey)
    levers = survey_levers(survey)
    least = minimum()
    if survey.scope == NeedsSurvey.Scope.REGIONAL:
        territory = (
            "departement",
            "Par département",
            dict(Departement.objects.filter(region=survey.region).values_list("code", "name")),
            lambda r: r.departement,
        )
    else:
        territory = (
            "region",
            "Par région",
            dict(Region.objects.values_list("code", "name")),
            lambda r: r.region,
        )
    axes = [
        ("secteur", "Par secteur", dict(Sector.objects.values_list("code", "label")), None),
        ("taille", "Par taille de l'organisme", dict(SizeClass.choices), None),
        territory,
    ]
    keys = {"secteur": lambda r: r.sector, "taille": lambda r: r.size_class}
    dimensions = [
        Dimension(
            slug,
            label,
            analysis.breakdown(found, key or keys[slug], labels, levers, least),
        )
        for slug, label, labels, key in axes
    ]
    # Never attributed to a respondent or a group, nor in the order of the answers (which a
    # reader could match with who answered when): in alphabetical order, from `least` on.
    comments = (
        []
        if len(found) < least
        else sorted(
            survey.answers.exclude(comment="").values_list("comment", flat=True),
            key=str.casefold,
        )
    )
    return SurveyReport(
        respondents=len(found),
        levers=levers,
        shares=analysis.lever_shares(found, levers, least),
        dimensions=dimensions,
        needs=analysis.need_shares(
            found, list(SiDomain.objects.values_list("code", "label")), least
        ),
        comments=comments,
        minimum=least,
        has_demo_data=any(response.is_demo for response in found),
    )
