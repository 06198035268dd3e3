"""Reads of a survey's distribution: the organisations of its territory, who can be mailed,
who must be reminded, the response rate by département, the organisations without account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from mutualis.accounts.models import Membership, User
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.territories.models import Departement
from mutualis.workshops.models import NeedsSurvey, SurveyAnswer, SurveyContact


def reminder_days() -> int:
    return settings.MUTUALIS.get("SURVEY_REMINDER_DAYS", 7)


def territory_establishments(survey: NeedsSurvey) -> QuerySet[Establishment]:
    """The open ESSMS of the survey's territory (its région, or France)."""
    found = Establishment.objects.filter(is_closed=False, managing_body__is_closed=False)
    if survey.scope == NeedsSurvey.Scope.REGIONAL:
        found = found.filter(region_id=survey.region_id)
    return found


def territory_bodies(survey: NeedsSurvey) -> QuerySet[ManagingBody]:
    """The managing bodies with at least one open ESSMS in the territory."""
    return ManagingBody.objects.filter(
        pk__in=territory_establishments(survey).values("managing_body")
    )


def _has_account():
    return Exists(
        Membership.objects.filter(managing_body=OuterRef("pk"), user__is_active=True).exclude(
            user__email=""
        )
    )


def _answered(survey: NeedsSurvey):
    return Exists(SurveyAnswer.objects.filter(survey=survey, managing_body=OuterRef("pk")))


def recipients(bodies: QuerySet[ManagingBody]) -> dict[str, list[int]]:
    """Addresses of the active administrators and members of ``bodies``, each with the ids of
    its bodies (one message per address, naming its organisations)."""
    found: dict[str, list[int]] = {}
    rows = (
        User.objects.filter(is_active=True, memberships__managing_body__in=bodies)
        .exclude(email="")
        .values_list("email", "memberships__managing_body")
        .order_by("email", "memberships__managing_body")
    )
    for email, body_id in rows:
        found.setdefault(email, []).append(body_id)
    return found


def bodies_to_invite(survey: NeedsSurvey) -> QuerySet[ManagingBody]:
    """Bodies of the territory with an account, not invited yet."""
    invited = SurveyContact.objects.filter(survey=survey, managing_body=OuterRef("pk"))
    return territory_bodies(survey).filter(_has_account()).exclude(Exists(invited))


def contacts_to_remind(survey: NeedsSurvey, now: dt.datetime, days: int | None = None):
    """Invited bodies that have not answered, last mailed at least ``days`` days ago."""
    days = reminder_days() if days is None else days
    before = now - dt.timedelta(days=days)
    answered = SurveyAnswer.objects.filter(survey=survey, managing_body=OuterRef("managing_body"))
    return (
        survey.contacts.exclude(Exists(answered))
        .filter(Q(reminded_at__isnull=True, invited_at__lte=before) | Q(reminded_at__lte=before))
        .select_related("managing_body")
    )


@dataclass(frozen=True)
class Preview:
    bodies: int  # bodies of the territory
    with_account: int
    to_invite: int  # bodies with an account not invited yet
    invite_recipients: int  # addresses the invitation would be sent to
    invited: int
    answered: int
    to_remind: int
    remind_recipients: int
    reminder_days: int


def preview(survey: NeedsSurvey, now: dt.datetime) -> Preview:
    bodies = territory_bodies(survey)
    counts = bodies.aggregate(
        total=Count("pk"),
        with_account=Count("pk", filter=Q(_has_account())),
        answered=Count("pk", filter=Q(_answered(survey))),
    )
    to_invite = bodies_to_invite(survey)
    reminded = contacts_to_remind(survey, now)
    return Preview(
        bodies=counts["total"],
        with_account=counts["with_account"],
        to_invite=to_invite.count(),
        invite_recipients=len(recipients(to_invite)),
        invited=survey.contacts.count(),
        answered=counts["answered"],
        to_remind=reminded.count(),
        remind_recipients=len(
            recipients(ManagingBody.objects.filter(pk__in=reminded.values("managing_body")))
        ),
        reminder_days=reminder_days(),
    )


@dataclass(frozen=True)
class RateRow:
    code: str
    name: str
    bodies: int
    answered: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.answered / self.bodies, 1) if self.bodies else None


def response_rates(survey: NeedsSurvey) -> tuple[list[RateRow], RateRow]:
    """Per département of the territory: the bodies with an open ESSMS there, and those of
    them that answered (for themselves or one of their ESSMS); then the whole territory."""
    answered_bodies = SurveyAnswer.objects.filter(survey=survey).values("managing_body")
    rows = (
        territory_establishments(survey)
        .exclude(departement=None)
        .values("departement_id")
        .annotate(
            bodies=Count("managing_body", distinct=True),
            answered=Count(
                "managing_body",
                distinct=True,
                filter=Q(managing_body__in=answered_bodies),
            ),
        )
    )
    names = dict(
        Departement.objects.filter(pk__in=[row["departement_id"] for row in rows]).values_list(
            "code", "name"
        )
    )
    result = sorted(
        (
            RateRow(
                row["departement_id"],
                names.get(row["departement_id"], ""),
                row["bodies"],
                row["answered"],
            )
            for row in rows
        ),
        key=lambda row: row.code,
    )
    bodies = territory_bodies(survey)
    total = RateRow(
        "",
        "Ensemble du territoire",
        bodies.count(),
        bodies.filter(pk__in=answered_bodies).count(),
    )
    return result, total


def bodies_without_account(survey: NeedsSurvey) -> QuerySet[ManagingBody]:
    """Bodies of the territory nobody represents on the platform, with their number of open
    ESSMS in the territory: to be reached by phone or mail."""
    in_territory = Q(establishments__is_closed=False)
    if survey.scope == NeedsSurvey.Scope.REGIONAL:
        in_territory &= Q(establishments__region_id=survey.region_id)
    return (
        territory_bodies(survey)
        .exclude(_has_account())
        .annotate(essms=Count("establishments", filter=in_territory, distinct=True))
        .order_by("display_name", "finess")
    )
