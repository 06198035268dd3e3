"""Reads of the directory. The directory is public open data: no scope filter applies."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from mutualis.directory.models import Establishment, Grouping, GroupingMember, ManagingBody
from mutualis.finess.models import Sector

MAP_POINTS_LIMIT = 60_000


def establishments() -> QuerySet[Establishment]:
    return Establishment.objects.select_related(
        "managing_body", "category", "category__sector", "departement", "region", "commune"
    ).order_by("name", "finess")


def managing_bodies() -> QuerySet[ManagingBody]:
    return (
        ManagingBody.objects.select_related("departement", "legal_status")
        .filter(is_closed=False)
        .order_by("name", "finess")
    )


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


@dataclass(frozen=True)
class GroupingPartner:
    """Another member of a grouping; ``name`` is None when the directory does not know it."""

    finess: str
    kind: str
    kind_label: str
    name: str | None


@dataclass(frozen=True)
class BodyGrouping:
    grouping: Grouping
    partners: list[GroupingPartner]


def groupings_of(body: ManagingBody) -> list[BodyGrouping]:
    """The FINESS+ groupings the body belongs to (itself or through one of its
    establishments), or that it is, each with its other members."""
    own_sites = set(body.establishments.values_list("finess", flat=True))
    groupings = list(
        Grouping.objects.filter(
            Q(finess=body.finess)
            | Q(members__kind=GroupingMember.Kind.MANAGING_BODY, members__finess=body.finess)
            | Q(members__kind=GroupingMember.Kind.ESTABLISHMENT, members__finess__in=own_sites)
        )
        .distinct()
        .select_related("legal_status")
        .prefetch_related("members")
    )

    def is_own(member: GroupingMember) -> bool:
        if member.kind == GroupingMember.Kind.MANAGING_BODY:
            return member.finess == body.finess
        return member.finess in own_sites

    others = [m for g in groupings for m in g.members.all() if not is_own(m)]
    names = {
        GroupingMember.Kind.MANAGING_BODY: dict(
            ManagingBody.objects.filter(
                finess__in={m.finess for m in others if m.kind == GroupingMember.Kind.MANAGING_BODY}
            ).values_list("finess", "name")
        ),
        GroupingMember.Kind.ESTABLISHMENT: dict(
            Establishment.objects.filter(
                finess__in={m.finess for m in others if m.kind == GroupingMember.Kind.ESTABLISHMENT}
            ).values_list("finess", "name")
        ),
    }
    return [
        BodyGrouping(
            grouping,
            [
                GroupingPartner(m.finess, m.kind, m.get_kind_display(), names[m.kind].get(m.finess))
                for m in sorted(
                    grouping.members.all(), key=lambda m: (m.kind != m.Kind.MANAGING_BODY, m.finess)
                )
                if not is_own(m)
            ],
        )
        for grouping in groupings
    ]
