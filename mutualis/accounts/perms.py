"""Pure permission predicates on users, used by views, templates and the API."""

from __future__ import annotations

from mutualis.accounts.models import MembershipRole, ScopedRole


def is_signed_in(user) -> bool:
    """A signed-in user (also false for ``None``, as services may be called without one)."""
    return getattr(user, "is_authenticated", False)


def is_national_admin(user) -> bool:
    if not is_signed_in(user):
        return False
    return (
        user.is_superuser or user.scoped_roles.filter(role=ScopedRole.Role.NATIONAL_ADMIN).exists()
    )


def region_codes(user) -> set[str]:
    """Régions a user oversees through a regional role."""
    if not is_signed_in(user):
        return set()
    return set(
        user.scoped_roles.filter(role=ScopedRole.Role.REGIONAL).values_list(
            "regions__code", flat=True
        )
    ) - {None}


def is_member(user, managing_body_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.memberships.filter(managing_body_id=managing_body_id).exists()


def is_managing_body_admin(user, managing_body_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        is_national_admin(user)
        or user.memberships.filter(
            managing_body_id=managing_body_id, role=MembershipRole.ADMIN
        ).exists()
    )
