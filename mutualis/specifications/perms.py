"""Who sees and works on a common specification.

- the users of the grappe's active members rate the requirements and add their own;
- the users of its carrier (while an active member) and national administrators lead it:
  start it, arbitrate, set the criteria, enter and mark the offers, decide, publish;
- the regional actors of the grappe's régions read it;
- nobody else sees it until it is published (then its public page is for everyone).
"""

from __future__ import annotations

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_national_admin, is_signed_in
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.grappes.perms import is_regional_actor_of
from mutualis.specifications.models import Specification


def _active_body_ids(grappe: Grappe) -> frozenset[int]:
    """The active members' bodies (cached on the grappe instance)."""
    cached = grappe.__dict__.get("_active_body_ids")
    if cached is None:
        cached = frozenset(
            grappe.members.filter(status=GrappeMember.Status.ACTIVE).values_list(
                "managing_body_id", flat=True
            )
        )
        grappe.__dict__["_active_body_ids"] = cached
    return cached


def rating_body_ids(user, grappe: Grappe) -> frozenset[int]:
    """The user's organisations that are active members of the grappe: those it rates for."""
    mine = actor_of(user).body_ids
    return mine & _active_body_ids(grappe) if mine else frozenset()


def leads_grappe(user, grappe: Grappe) -> bool:
    if not is_signed_in(user):
        return False
    return is_national_admin(user) or (grappe.carrier_id in rating_body_ids(user, grappe))


def can_start(user, grappe: Grappe) -> bool:
    return leads_grappe(user, grappe)


def can_lead(user, specification: Specification) -> bool:
    return leads_grappe(user, specification.grappe)


def can_rate(user, specification: Specification) -> bool:
    return specification.status != Specification.Status.DECIDED and bool(
        rating_body_ids(user, specification.grappe)
    )


def can_view_grappe_specifications(user, grappe: Grappe) -> bool:
    if not is_signed_in(user):
        return False
    return (
        is_national_admin(user)
        or bool(rating_body_ids(user, grappe))
        or is_regional_actor_of(user, grappe)
    )


def can_view(user, specification: Specification) -> bool:
    """The working pages: members, regional actors of the grappe's régions, national
    administrators."""
    return can_view_grappe_specifications(user, specification.grappe)


def can_read_public(specification: Specification) -> bool:
    return specification.is_published


def can_manage_library(user) -> bool:
    """National administrators load new versions of the requirements library."""
    return is_national_admin(user)
