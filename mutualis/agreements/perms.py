"""Who may answer the cooperation self-evaluation, edit, generate and sign the agreement."""

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_member
from mutualis.agreements.models import Agreement
from mutualis.grappes.models import GrappeMember
from mutualis.grappes.perms import can_steer, can_view_grappe

__all__ = [
    "can_answer_cooperation",
    "can_edit_party",
    "can_manage_agreement",
    "can_sign",
    "can_view_grappe",
]


def can_answer_cooperation(user, member: GrappeMember) -> bool:
    """Any user of an active member answers for it; the answers stay within that member."""
    return member.status == GrappeMember.Status.ACTIVE and is_member(user, member.managing_body_id)


def can_manage_agreement(user, grappe) -> bool:
    """The administrators of the active carrier prepare the agreement and move it through its
    states."""
    return can_steer(user, grappe)


def can_sign(user, agreement: Agreement, member: GrappeMember) -> bool:
    """Only the administrators of the member organisation record its signature: the
    signature commits that organisation (a national administrator records none)."""
    return (
        agreement.status == Agreement.Status.REVIEW
        and member.grappe_id == agreement.grappe_id
        and member.status == GrappeMember.Status.ACTIVE
        and actor_of(user).is_admin(member.managing_body_id)
    )


def can_edit_party(user, agreement: Agreement, member: GrappeMember) -> bool:
    """Only the member's own administrators name its representative, while the text can still
    change (draft)."""
    return (
        agreement.status == Agreement.Status.DRAFT
        and member.grappe_id == agreement.grappe_id
        and member.status == GrappeMember.Status.ACTIVE
        and actor_of(user).is_admin(member.managing_body_id)
    )
