"""Pure permission predicates on users, used by views, templates and the API.

They read the user's actor (``mutualis.accounts.actor``): no query per call."""

from __future__ import annotations

from mutualis.accounts.actor import actor_of


def is_signed_in(user) -> bool:
    """A signed-in user (also false for ``None``, as services may be called without one)."""
    return getattr(user, "is_authenticated", False)


def is_national_admin(user) -> bool:
    return actor_of(user).is_national_admin


def region_codes(user) -> frozenset[str]:
    """Régions a user oversees through a regional role."""
    return actor_of(user).region_codes


def is_member(user, managing_body_id: int) -> bool:
    return actor_of(user).is_member(managing_body_id)


def is_managing_body_admin(user, managing_body_id: int) -> bool:
    return is_national_admin(user) or actor_of(user).is_admin(managing_body_id)
