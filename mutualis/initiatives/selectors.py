"""Reads of initiatives: public lists and map, moderation queue, statistics."""

from __future__ import annotations

from collections import Counter

from django.db.models import Avg, Q, QuerySet

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.directory.models import Establishment
from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.territories.models import Region

MAP_LIMIT = 5000


def published() -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(moderation=Initiative.Moderation.PUBLISHED)
        .select_related("type", "region")
        .prefetch_related("domains")
    )


def filtered(queryset: QuerySet[Initiative], filters: dict) -> QuerySet[Initiative]:
    if filters.get("q"):
        for word in filters["q"].split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if filters.get("type"):
        queryset = queryset.filter(type=filters["type"])
    if filters.get("domain"):
        queryset = queryset.filter(domains=filters["domain"])
    if filters.get("region"):
        queryset = queryset.filter(region=filters["region"])
    if filters.get("stage"):
        queryset = queryset.filter(stage=filters["stage"])
    return queryset.distinct()


def moderation_queue(user) -> QuerySet[Initiative]:
    queue = Initiative.objects.filter(moderation=Initiative.Moderation.PROPOSED).select_related(
        "type", "region", "proposed_by"
    )
    if is_national_admin(user):
        return queue.order_by("created_at")
    return queue.filter(region__in=region_codes(user)).order_by("created_at")


def proposed_by(user) -> QuerySet[Initiative]:
    return Initiative.objects.filter(proposed_by=user).exclude(
        moderation=Initiative.Moderation.PUBLISHED
    )


def map_points(queryset: QuerySet[Initiative]) -> dict:
    """One marker per member managing body (centre of its open, located ESSMS) and per
    establishment named by the initiative: [lat, lon, type, "title — place", url]."""
    ids = list(queryset.values_list("pk", flat=True)[:MAP_LIMIT])
    located = Establishment.objects.filter(is_closed=False, latitude__isnull=False)
    bodies = (
        located.filter(managing_body__initiatives__in=ids)
        .values(
            "managing_body__initiatives__uid",
            "managing_body__initiatives__title",
            "managing_body__initiatives__type__label",
            "managing_body__display_name",
        )
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    named = located.filter(initiatives__in=ids).values(
        "initiatives__uid",
        "initiatives__title",
        "initiatives__type__label",
        "name",
        "latitude",
        "longitude",
    )
    points = [
        [
            round(row["lat"], 5),
            round(row["lon"], 5),
            row["managing_body__initiatives__type__label"],
            f"{row['managing_body__initiatives__title']} — {row['managing_body__display_name']}",
            f"/initiatives/{row['managing_body__initiatives__uid']}/",
        ]
        for row in bodies
    ] + [
        [
            row["latitude"],
            row["longitude"],
            row["initiatives__type__label"],
            f"{row['initiatives__title']} — {row['name']}",
            f"/initiatives/{row['initiatives__uid']}/",
        ]
        for row in named
    ]
    return {"count": len(points), "truncated": len(ids) == MAP_LIMIT, "points": points}


def statistics(queryset: QuerySet[Initiative]) -> dict:
    """Counts by typology and by région (the "typologie des mutualisations")."""
    pairs = list(queryset.values_list("type_id", "region_id"))
    by_type = Counter(t for t, _ in pairs)
    by_region = Counter(r for _, r in pairs)
    types = list(InitiativeType.objects.all())
    regions = {r.code: r.name for r in Region.objects.filter(code__in=by_region.keys() - {None})}
    return {
        "total": len(pairs),
        "by_type": [(t.label, by_type.get(t.pk, 0)) for t in types],
        "by_region": sorted(
            ((regions.get(code, "Sans région"), n) for code, n in by_region.items()),
            key=lambda row: (-row[1], row[0]),
        ),
        "matrix_types": [t.label for t in types],
        "matrix": [
            (
                regions.get(code, "Sans région"),
                [sum(1 for t, r in pairs if r == code and t == kind.pk) for kind in types],
            )
            for code in sorted(by_region, key=lambda c: regions.get(c, "~"))
        ],
    }
