"""Who may run surveys and workshops, answer, and read the results."""

from __future__ import annotations

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_member, is_national_admin, is_signed_in, region_codes
from mutualis.workshops.models import NeedsSurvey, Workshop


def can_create_survey(user) -> bool:
    """National administrators (any scope) and regional actors (their régions)."""
    return is_national_admin(user) or bool(region_codes(user))


def can_manage_survey(user, survey: NeedsSurvey) -> bool:
    if is_national_admin(user):
        return True
    return survey.scope == NeedsSurvey.Scope.REGIONAL and survey.region_id in region_codes(user)


def can_view_survey_results(user, survey: NeedsSurvey) -> bool:
    """Its managers; every regional actor for a national survey; once it is finished, the
    members of the managing bodies that answered it (not before: no answer is swayed)."""
    if can_manage_survey(user, survey):
        return True
    if survey.scope == NeedsSurvey.Scope.NATIONAL and region_codes(user):
        return True
    return (
        is_signed_in(user)
        and survey.is_finished
        and survey.answers.filter(managing_body__in=actor_of(user).body_ids).exists()
    )


def in_survey_scope(survey: NeedsSurvey, region_code: str | None) -> bool:
    return survey.scope == NeedsSurvey.Scope.NATIONAL or (
        region_code is not None and region_code == survey.region_id
    )


def can_answer_survey(user, survey: NeedsSurvey, managing_body, establishment=None) -> bool:
    """Members of the managing body answer for it or one of its ESSMS, within the survey's
    scope, while it is open."""
    if not (is_signed_in(user) and survey.is_open and is_member(user, managing_body.pk)):
        return False
    if establishment is not None:
        return (
            establishment.managing_body_id == managing_body.pk
            and not establishment.is_closed
            and in_survey_scope(survey, establishment.region_id)
        )
    # As a body: in a regional survey, only with an open ESSMS in the région.
    return survey.scope == NeedsSurvey.Scope.NATIONAL or (
        managing_body.establishments.filter(is_closed=False, region_id=survey.region_id).exists()
    )


def can_facilitate(user) -> bool:
    """Regional actors, national administrators and managing-body administrators."""
    if not is_signed_in(user):
        return False
    return (
        is_national_admin(user) or bool(region_codes(user)) or bool(actor_of(user).admin_body_ids)
    )


def can_manage_workshop(user, workshop: Workshop) -> bool:
    if not is_signed_in(user):
        return False
    return workshop.facilitator_id == user.pk or is_national_admin(user)
