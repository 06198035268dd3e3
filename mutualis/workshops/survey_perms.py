"""Who distributes a survey: its staff."""

from __future__ import annotations

from mutualis.accounts.perms import is_signed_in
from mutualis.workshops.models import NeedsSurvey
from mutualis.workshops.perms import can_manage_survey


def can_distribute_survey(user, survey: NeedsSurvey) -> bool:
    """Its creator, the regional actors of its région and the national administrators invite
    the organisations of its territory, remind them and follow the response rate."""
    if not is_signed_in(user):
        return False
    return survey.created_by_id == user.pk or can_manage_survey(user, survey)
