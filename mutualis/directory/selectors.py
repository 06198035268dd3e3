"""Reads of the directory. The directory is public open data: no scope filter applies."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from mutualis.directory.filters import search_managing_bodies_in
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.finess.models import Sector

MAP_POINTS_LIMIT = 60_000
CHOOSER_LIMIT = 10


def establishments() -> QuerySet[Establishment]:
    return Establishment.objects.select_related(
        "managing_body", "category", "category__sector", "departement", "region", "commune"
    ).order_by("name", "finess")


def managing_bodies() -> QuerySet[ManagingBody]:
    return (
        ManagingBody.objects.select_related("departement", "legal_status")
        .filter(is_closed=False)
        .order_by("display_name", "finess")
    )


def search_managing_bodies(query: str, limit: int = CHOOSER_LIMIT) -> list[ManagingBody]:
    """Open managing bodies matching a FINESS number (spaces and dots ignored, or its first
    digits), words of their names, or their commune; the closest first."""
    return list(search_managing_bodies_in(managing_bodies(), query)[:limit])


def map_points(queryset: QuerySet[Establishment]) -> dict:
    """Geolocated establishments as compact rows for the map."""
    located = queryset.exclude(latitude=None).order_by()
    rows = list(
        located.values_list("latitude", "longitude", "finess", "name")[: MAP_POINTS_LIMIT + 1]
    )
    return {
        "count": min(len(rows), MAP_POINTS_LIMIT),
        "truncated": len(rows) > MAP_POINTS_LIMIT,
        "points": [[lat, lon, finess, name] for lat, lon, finess, name in rows[:MAP_POINTS_LIMIT]],
    }


def counts_by_category(body: ManagingBody) -> list[dict]:
    return list(
        body.establishments.filter(is_closed=False)
        .values("category__code", "category__label")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__code")
    )


def counts_by_sector(body: ManagingBody) -> list[tuple[str, int]]:
    rows = dict(
        body.establishments.filter(is_closed=False)
        .values_list("category__sector")
        .annotate(n=Count("pk"))
    )
    labels = dict(Sector.objects.values_list("code", "label"))
    ordered = [(labels[code], n) for code, n in rows.items() if code in labels]
    if None in rows:
        ordered.append(("Autre", rows[None]))
    return sorted(ordered, key=lambda item: -item[1])
