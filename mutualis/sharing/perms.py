"""Who may publish, change, see and answer shared-resource listings. Pure predicates on the
request's actor (no query), except ``viewer_regions`` which the selectors call once."""

from __future__ import annotations

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_managing_body_admin, is_member, is_national_admin
from mutualis.grappes.perms import is_active_member, is_regional_actor_of
from mutualis.sharing.models import Listing, SharingRequest


def can_publish(user, managing_body_id: int) -> bool:
    """Administrators and members of the body publish its offers and needs."""
    return is_member(user, managing_body_id)


def can_edit_listing(user, listing: Listing) -> bool:
    return is_member(user, listing.managing_body_id)


def is_owner(user, listing: Listing) -> bool:
    return is_member(user, listing.managing_body_id)


def can_request(user, listing: Listing, body_id: int | None) -> bool:
    """A member of another body asks for contact about a published, current listing."""
    return (
        body_id is not None
        and is_member(user, body_id)
        and body_id != listing.managing_body_id
        and listing.status == Listing.Status.PUBLISHED
        and not listing.is_expired
    )


def can_answer(user, request: SharingRequest) -> bool:
    """The administrators of the listing's body accept or decline (national administrators
    too, as for grappe contact requests)."""
    return request.status == SharingRequest.Status.PENDING and is_managing_body_admin(
        user, request.listing.managing_body_id
    )


def can_withdraw_request(user, request: SharingRequest) -> bool:
    return request.status == SharingRequest.Status.PENDING and is_member(user, request.requester_id)


def sees_names(user, listing: Listing, accepted_body_ids: frozenset[int]) -> bool:
    """The body's name and contacts: its own members, and the bodies whose contact request
    it accepted (``accepted_body_ids``: the viewer's bodies with an accepted request)."""
    return is_member(user, listing.managing_body_id) or bool(
        actor_of(user).body_ids & accepted_body_ids
    )


def can_view_region(user, region_code: str) -> bool:
    return is_national_admin(user) or region_code in actor_of(user).region_codes


def can_see_grappe_resources(user, grappe) -> bool:
    """Who brings what to whom in a grappe: its active members, the regional actors of its
    régions, national administrators."""
    return (
        is_national_admin(user)
        or is_active_member(user, grappe)
        or is_regional_actor_of(user, grappe)
    )
