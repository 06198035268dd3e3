"""Reads of shared-resource listings, filtered by who may see them.

Visibility: REGION → users whose body has an ESSMS in that région and the regional actors of
it; GRAPPE → the active members of that grappe; EVERYONE → every signed-in user. A body
always sees its own listings (withdrawn and expired ones too); others see only published,
current ones. Anonymous users see none (only the open-data counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mutualis.accounts.actor import actor_of
from mutualis.directory.models import Establishment
from mutualis.grappes.matching import NearestIndex, km_label
from mutualis.grappes.models import GrappeMember
from mutualis.sharing import matching
from mutualis.sharing.models import Listing, SharingRequest

RELATED = ("skill", "vehicle", "region", "establishment__departement", "grappe", "managing_body")


def current() -> Q:
    """Published and not past its end date."""
    return Q(status=Listing.Status.PUBLISHED, ends_on__gte=timezone.localdate())


def viewer_regions(user) -> set[str]:
    """The régions where the user's bodies have an open ESSMS, and those it oversees."""
    actor = actor_of(user)
    regions = set(actor.region_codes)
    if actor.body_ids:
        regions |= set(
            Establishment.objects.filter(managing_body_id__in=actor.body_ids, is_closed=False)
            .values_list("region_id", flat=True)
            .distinct()
        )
    return regions


def active_grappe_ids(body_ids) -> set[int]:
    return set(
        GrappeMember.objects.filter(
            managing_body_id__in=body_ids, status=GrappeMember.Status.ACTIVE
        ).values_list("grappe_id", flat=True)
    )


def visible_to(user) -> Q:
    """The condition a listing meets to be visible to ``user`` (nothing for anonymous)."""
    actor = actor_of(user)
    if not actor.is_signed_in:
        return Q(pk__in=[])
    if actor.is_national_admin:
        return Q()
    shared = (
        Q(visibility=Listing.Visibility.EVERYONE)
        | Q(visibility=Listing.Visibility.REGION, region__in=viewer_regions(user))
        | Q(visibility=Listing.Visibility.GRAPPE, grappe__in=active_grappe_ids(actor.body_ids))
    )
    return Q(managing_body_id__in=actor.body_ids) | (current() & shared)


def visible_listings(user) -> QuerySet[Listing]:
    return Listing.objects.filter(visible_to(user)).select_related(*RELATED)


def explorable(user) -> QuerySet[Listing]:
    """Other bodies' current listings visible to the user (the exploration page)."""
    return (
        visible_listings(user)
        .filter(current())
        .exclude(managing_body_id__in=actor_of(user).body_ids)
    )


def own_listings(body_ids) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(managing_body_id__in=body_ids)
        .select_related(*RELATED)
        .annotate(pending=Count("requests", filter=Q(requests__status="pending")))
        .order_by("status", "-created_at")
    )


def accepted_body_ids(listing: Listing) -> frozenset[int]:
    """Bodies whose contact request about ``listing`` was accepted."""
    return frozenset(
        listing.requests.filter(status=SharingRequest.Status.ACCEPTED).values_list(
            "requester_id", flat=True
        )
    )


def revealed_listing_ids(body_ids) -> set[int]:
    """Listings of other bodies whose owner accepted a request of one of ``body_ids``."""
    return set(
        SharingRequest.objects.filter(
            requester_id__in=body_ids, status=SharingRequest.Status.ACCEPTED
        ).values_list("listing_id", flat=True)
    )


def requests_received(body_ids) -> QuerySet[SharingRequest]:
    return (
        SharingRequest.objects.filter(listing__managing_body_id__in=body_ids)
        .select_related("listing__skill", "requester", "requester_listing")
        .order_by("status", "-created_at")
    )


def requests_sent(body_ids) -> QuerySet[SharingRequest]:
    return (
        SharingRequest.objects.filter(requester_id__in=body_ids)
        .select_related("listing__skill", "listing__managing_body", "listing__region")
        .order_by("status", "-created_at")
    )


def pending_count(body_ids) -> int:
    return SharingRequest.objects.filter(
        listing__managing_body_id__in=body_ids, status=SharingRequest.Status.PENDING
    ).count()


def as_side(listing: Listing) -> matching.Side:
    establishment = listing.establishment
    point = None
    if establishment is not None and establishment.latitude is not None:
        point = (establishment.latitude, establishment.longitude)
    return matching.Side(
        id=listing.pk,
        direction=listing.direction,
        skill=listing.skill.code,
        kind=listing.skill.kind,
        starts_on=listing.starts_on,
        ends_on=listing.ends_on,
        days=float(listing.days_per_month) if listing.days_per_month is not None else None,
        point=point,
        max_km=float(listing.max_distance_km) if listing.max_distance_km is not None else None,
        skill_label=listing.skill.label,
    )


def distances_from(body, listings: list[Listing]) -> dict[int, str]:
    """ "12 km" from the nearest open ESSMS of ``body`` to each listing's ESSMS (by pk; none
    when either side is not geolocated)."""
    if body is None:
        return {}
    points = (
        body.establishments.filter(is_closed=False)
        .exclude(latitude=None)
        .values_list("latitude", "longitude")
    )
    index = NearestIndex(list(points))
    found = {}
    for listing in listings:
        place = listing.establishment
        if place is not None and place.latitude is not None and index.bounds is not None:
            found[listing.pk] = km_label(index.nearest_to((place.latitude, place.longitude)))
    return found


@dataclass(frozen=True)
class RankedListing:
    listing: Listing
    match: matching.Match


def matches_for(user, listing: Listing, limit: int = 10) -> list[RankedListing]:
    """The listings of the other direction visible to ``user`` ranked for ``listing``."""
    pool = {
        other.pk: other
        for other in explorable(user)
        .filter(skill__kind=listing.skill.kind)
        .exclude(direction=listing.direction)
    }
    ranked = matching.rank(as_side(listing), [as_side(o) for o in pool.values()], limit)
    return [RankedListing(pool[m.other.id], m) for m in ranked]


def count_matches(user, direction: str, skill_code: str) -> int:
    """How many current listings of ``direction`` for a skill the user can see (lead panels)."""
    return explorable(user).filter(direction=direction, skill__code=skill_code).count()


def grappe_listings(grappe, body_ids) -> QuerySet[Listing]:
    """Current listings of the grappe's active members shared with the grappe or wider."""
    return (
        Listing.objects.filter(current(), managing_body_id__in=body_ids)
        .filter(~Q(visibility=Listing.Visibility.GRAPPE) | Q(grappe=grappe))
        .select_related(*RELATED)
        .order_by("skill__position", "direction")
    )


def grappe_exchanges(body_ids) -> QuerySet[SharingRequest]:
    """Accepted requests between two of the grappe's members: who brings what to whom."""
    return SharingRequest.objects.filter(
        status=SharingRequest.Status.ACCEPTED,
        requester_id__in=body_ids,
        listing__managing_body_id__in=body_ids,
    ).select_related("listing__skill", "listing__managing_body", "requester")


def region_table(region_code: str):
    """Current listings of a région counted by skill, département and direction."""
    return (
        Listing.objects.filter(current(), region_id=region_code)
        .values(
            "skill__label",
            "skill__position",
            "establishment__departement_id",
            "establishment__departement__name",
            "direction",
        )
        .annotate(n=Count("pk"))
        .order_by("skill__position", "establishment__departement_id", "direction")
    )


def open_data_counts():
    """Current listings counted by skill, région and direction: no names, no contacts."""
    return (
        Listing.objects.filter(current())
        .values("skill__code", "skill__label", "skill__position", "region_id", "region__name")
        .annotate(
            offers=Count("pk", filter=Q(direction=Listing.Direction.OFFER)),
            needs=Count("pk", filter=Q(direction=Listing.Direction.NEED)),
        )
        .order_by("skill__position", "region__name")
    )
