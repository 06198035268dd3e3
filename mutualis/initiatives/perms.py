"""Who proposes, edits, moderates and reads initiatives."""

from mutualis.accounts.perms import is_national_admin, is_signed_in, region_codes
from mutualis.initiatives.models import Initiative


def can_propose(user) -> bool:
    return is_signed_in(user)


def can_moderate(user, initiative: Initiative) -> bool:
    """National administrators, and regional actors for their région's initiatives."""
    if is_national_admin(user):
        return True
    return initiative.region_id is not None and initiative.region_id in region_codes(user)


def can_edit(user, initiative: Initiative) -> bool:
    """Its author while it waits for moderation or was refused; moderators always."""
    if initiative.grappe_uid is not None or initiative.grouping_uid is not None:
        return False  # kept in step with its grappe or its FINESS grouping
    if can_moderate(user, initiative):
        return True
    return (
        is_signed_in(user)
        and initiative.proposed_by_id == user.pk
        and initiative.moderation != Initiative.Moderation.PUBLISHED
    )


def can_view(user, initiative: Initiative) -> bool:
    """Published initiatives are public; the others only to their author and moderators."""
    return initiative.moderation == Initiative.Moderation.PUBLISHED or can_edit(user, initiative)
