"""Who answers a survey: the respondents of its territory.

A national survey is answered by every managing body and its open ESSMS; a regional one only
for the body's open ESSMS located in its région, and as a body only by the bodies having at
least one open ESSMS there."""

from __future__ import annotations

from django.db.models import QuerySet

from mutualis.directory.models import Establishment
from mutualis.workshops.models import NeedsSurvey


def is_regional(survey: NeedsSurvey) -> bool:
    return survey.scope == NeedsSurvey.Scope.REGIONAL


def open_establishments(body) -> QuerySet[Establishment]:
    return body.establishments.filter(is_closed=False).order_by("name", "finess")


def respondent_establishments(survey: NeedsSurvey, body) -> QuerySet[Establishment]:
    """The body's open ESSMS that may answer the survey."""
    found = open_establishments(body)
    return found.filter(region_id=survey.region_id) if is_regional(survey) else found


def body_may_answer(survey: NeedsSurvey, body) -> bool:
    return not is_regional(survey) or respondent_establishments(survey, body).exists()


def body_out_of_scope(survey: NeedsSurvey) -> str:
    region = survey.region.name if survey.region_id else ""
    return (
        f"Votre organisme ne gère aucun ESSMS ouvert en {region} : ce recensement régional "
        "ne recueille que les réponses des organismes et des établissements de la région. "
        "Si un de vos établissements y est situé, vérifiez sa fiche dans l'annuaire."
    )


def establishment_out_of_scope(survey: NeedsSurvey, establishment: Establishment) -> str:
    region = survey.region.name if survey.region_id else ""
    return (
        f"{establishment.name} ({establishment.finess}) n'est pas situé en {region} : ce "
        "recensement régional ne porte que sur les établissements de la région."
    )
