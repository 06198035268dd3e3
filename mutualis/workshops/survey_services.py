"""Needs survey actions: create a campaign, answer (and change the answer), close.

Each one is a transaction that writes its audit row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from mutualis.core import audit
from mutualis.directory.models import Establishment
from mutualis.initiatives.models import SiDomain
from mutualis.workshops.models import Lever, LeverRating, NeedsSurvey, Priority, SurveyAnswer
from mutualis.workshops.perms import can_answer_survey, can_create_survey, can_manage_survey
from mutualis.workshops.survey_rules import once_only_errors


@transaction.atomic
def create_survey(
    actor,
    title: str,
    scope: str,
    opens_on,
    closes_on,
    region=None,
    introduction: str = "",
    is_demo: bool = False,
    levers=None,
    unique_levels=(Priority.TOP,),
) -> NeedsSurvey:
    """National administrators create surveys of any scope, regional actors regional ones
    for their régions. The survey asks about ``levers`` (default: the levers proposed by
    default in the reference)."""
    if actor is not None:
        if not can_create_survey(actor):
            raise PermissionDenied
        if not can_manage_survey(actor, NeedsSurvey(scope=scope, region=region)):
            raise PermissionDenied
    if (scope == NeedsSurvey.Scope.REGIONAL) != (region is not None):
        raise ValidationError("Un recensement régional porte sur une région, et une seule.")
    if closes_on < opens_on:
        raise ValidationError("La clôture doit suivre l'ouverture.")
    levers = Lever.objects.filter(is_active=True) if levers is None else levers
    if not levers:
        raise ValidationError("Choisissez au moins un levier.")
    survey = NeedsSurvey.objects.create(
        title=title,
        introduction=introduction,
        scope=scope,
        region=region if scope == NeedsSurvey.Scope.REGIONAL else None,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
        is_demo=is_demo,
        unique_levels=sorted({int(level) for level in unique_levels if level in Priority.values}),
    )
    survey.levers.set(levers)
    audit.record(
        actor,
        "survey.create",
        survey,
        {
            "scope": scope,
            "region": survey.region_id,
            "levers": [lever.code for lever in levers],
            "unique_levels": survey.unique_levels,
        },
    )
    return survey


@transaction.atomic
def close_survey(actor, survey: NeedsSurvey) -> NeedsSurvey:
    if not can_manage_survey(actor, survey):
        raise PermissionDenied
    if survey.closed_at is None:
        survey.closed_at = timezone.now()
        survey.save(update_fields=["closed_at"])
        audit.record(actor, "survey.close", survey)
    return survey


def _dominant_sector(body) -> str | None:
    row = (
        Establishment.objects.filter(managing_body=body, is_closed=False)
        .exclude(category__sector=None)
        .values("category__sector")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__sector__position")
        .first()
    )
    return row["category__sector"] if row else None


def _main_departement(body, region_id: str) -> str | None:
    row = (
        Establishment.objects.filter(managing_body=body, is_closed=False, region_id=region_id)
        .values("departement")
        .annotate(n=Count("pk"))
        .order_by("-n", "departement")
        .first()
    )
    return row["departement"] if row else None


def _profile(body, establishment, survey: NeedsSurvey) -> dict:
    """Sector, size class and territory of the respondent, kept with its answer; a body
    answering a regional survey is placed in the région, in the département of most of its
    ESSMS there (wherever its seat is)."""
    if establishment is not None:
        return {
            "sector_id": establishment.category.sector_id if establishment.category_id else None,
            "size_class": body.size_class.value,
            "region_id": establishment.region_id,
            "departement_id": establishment.departement_id,
        }
    if survey.scope == NeedsSurvey.Scope.REGIONAL:
        return {
            "sector_id": _dominant_sector(body),
            "size_class": body.size_class.value,
            "region_id": survey.region_id,
            "departement_id": _main_departement(body, survey.region_id),
        }
    departement = body.departement
    return {
        "sector_id": _dominant_sector(body),
        "size_class": body.size_class.value,
        "region_id": departement.region_id if departement else None,
        "departement_id": body.departement_id,
    }


@transaction.atomic
def save_answer(
    actor,
    survey: NeedsSurvey,
    managing_body,
    ratings: Mapping[str, int],
    needs: Iterable[str] = (),
    comment: str = "",
    establishment=None,
    is_demo: bool = False,
) -> SurveyAnswer:
    """Create or replace the respondent's answer (one per OG or ESSMS); a priority for every
    lever of the survey."""
    if not is_demo and not can_answer_survey(actor, survey, managing_body, establishment):
        raise PermissionDenied
    levers = {lever.code: lever for lever in survey.levers.all()}
    if set(ratings) != set(levers) or any(v not in Priority.values for v in ratings.values()):
        raise ValidationError("Indiquez une priorité pour chaque levier.")
    once_only = once_only_errors(
        dict(ratings), survey.unique_levels, {code: lever.label for code, lever in levers.items()}
    )
    if once_only:
        raise ValidationError(once_only)
    answer, created = SurveyAnswer.objects.select_for_update().update_or_create(
        survey=survey,
        managing_body=managing_body,
        establishment=establishment,
        defaults={
            "comment": comment.strip()[:3000],
            "answered_by": actor,
            "is_demo": is_demo,
            **_profile(managing_body, establishment, survey),
        },
    )
    answer.ratings.all().delete()
    LeverRating.objects.bulk_create(
        LeverRating(answer=answer, lever=levers[code], level=level)
        for code, level in ratings.items()
    )
    answer.needs.set(SiDomain.objects.filter(code__in=list(needs)))
    audit.record(
        actor,
        "survey.answer" if created else "survey.answer_change",
        survey,
        {"respondent": (establishment or managing_body).finess},
    )
    return answer
