"""Reads of the directory. The directory is public open data: no scope filter applies."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Max, Min, QuerySet
from django.db.models.functions import Floor

from mutualis.directory import mapgrid
from mutualis.directory.mapgrid import MapView
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.finess.models import Sector

METROPOLE = (-5.2, 41.3, 9.6, 51.1)  # west, south, east, north, Corsica included


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


def map_clusters(queryset: QuerySet[Establishment], view: MapView) -> dict:
    """Geolocated establishments in view, grouped by grid cell unless few (see ``mapgrid``).

    ``clusters`` rows are ``[lat, lon, count, south, west, north, east]`` (mean position
    and extent of a cell of two or more); ``points`` rows ``[lat, lon, finess, name]``;
    ``count`` is their total. Without a bounding box, ``bounds`` frames the results
    (metropolitan ones first, so that overseas points do not shrink France to a dot).
    """
    located = queryset.exclude(latitude=None).exclude(longitude=None).order_by()
    data: dict = {"zoom": view.zoom}
    bbox = view.snapped_bbox()
    if bbox is None:
        data["bounds"] = _bounds(located)
    else:
        west, south, east, north = bbox
        located = located.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    count = located.count()
    data |= {"count": count, "truncated": False, "clusters": [], "points": []}
    if view.shows_points(count):
        rows = located.values_list("latitude", "longitude", "finess", "name")
        data["points"] = [_point(*row) for row in rows[: mapgrid.POINTS_MAX]]
        data["truncated"] = count > mapgrid.POINTS_MAX
        return data
    cells = (
        located.annotate(
            cell_x=Floor(F("longitude") / view.cell), cell_y=Floor(F("latitude") / view.cell)
        )
        .values("cell_x", "cell_y")
        .annotate(
            n=Count("pk"),
            lat=Avg("latitude"),
            lon=Avg("longitude"),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
            finess=Min("finess"),
            name=Min("name"),
        )
        .order_by()
    )
    for cell in cells:
        if cell["n"] == 1:
            data["points"].append(_point(cell["lat"], cell["lon"], cell["finess"], cell["name"]))
        else:
            extent = (cell["south"], cell["west"], cell["north"], cell["east"])
            position = [round(cell["lat"], 5), round(cell["lon"], 5), cell["n"]]
            data["clusters"].append(position + [round(value, 5) for value in extent])
    return data


def _point(lat: float, lon: float, finess: str, name: str) -> list:
    return [round(lat, 5), round(lon, 5), finess, name]


def _bounds(located: QuerySet[Establishment]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the metropolitan results, else of all."""
    west, south, east, north = METROPOLE
    metropole = located.filter(
        longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
    )
    for rows in (metropole, located):
        extent = rows.aggregate(
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
        if extent["south"] is not None:
            return [[extent["south"], extent["west"]], [extent["north"], extent["east"]]]
    return None


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
