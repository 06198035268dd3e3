"""Reads of the directory. The directory is public open data: no scope filter applies."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Floor, Length

from mutualis.core.text import normalize
from mutualis.directory import mapgrid, spelling
from mutualis.directory.filters import search_managing_bodies_in
from mutualis.directory.mapgrid import MapView
from mutualis.directory.models import Establishment, Grouping, GroupingMember, ManagingBody
from mutualis.finess.models import Sector
from mutualis.finess.numbers import typed_number

METROPOLE = (-5.2, 41.3, 9.6, 51.1)  # west, south, east, north, Corsica included
# Fewer results than this and the page suggests a spelling ("Vouliez-vous dire …").
FEW_RESULTS = 5

# The spelling vocabulary of the open establishments, with the state of the data it was read
# from: rebuilt when an import or a test changes the names (one tuple, replaced at once).
_vocabulary: dict[str, tuple[tuple, Counter[str]]] = {}
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
            ).values_list("finess", "display_name")
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


@dataclass(frozen=True)
class NameSearch:
    """What a search typed in the name box found, beside the results themselves."""

    text: str
    # The query was this managing body's FINESS EJ number: the results are its ESSMS.
    managing_body: ManagingBody | None = None
    # No name held every word: the closest names by trigram similarity (PostgreSQL).
    approximate: bool = False


def search_by_name(queryset: QuerySet, text: str) -> tuple[QuerySet, bool]:
    """Rows whose ``search_name`` holds every word of ``text`` at the start of one of its
    words: names starting with the whole query first, then those holding it, then the
    closest (trigram similarity on PostgreSQL, the shortest elsewhere). On PostgreSQL, when
    no name holds every word because one is found nowhere (a misspelling), the names that
    pg_trgm finds close to the query instead (``%>``: word similarity above
    ``pg_trgm.word_similarity_threshold``, 0.6), which the boolean returned says."""
    query = normalize(text)
    if not query:
        return queryset, False
    words = query.split()
    matches = queryset.filter(*(_starts_a_word(word) for word in words))
    if connection.vendor != "postgresql":
        return _ranked(matches, query, Length("search_name").asc()), False
    ranked = _ranked(matches, query, TrigramSimilarity("search_name", query).desc())
    if matches.exists() or all(queryset.filter(_starts_a_word(w)).exists() for w in words):
        return ranked, False
    close = queryset.filter(TrigramWordSimilar(F("search_name"), query))
    return close.order_by(
        TrigramWordSimilarity(query, "search_name").desc(),
        TrigramSimilarity("search_name", query).desc(),
        "name",
        "pk",
    ), True


def _starts_a_word(word: str) -> Q:
    return Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")


def _ranked(matches: QuerySet, query: str, closeness) -> QuerySet:
    position = Case(
        When(search_name__startswith=query, then=Value(2)),
        When(search_name__contains=f" {query}", then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return matches.annotate(phrase_position=position).order_by(
        "-phrase_position", closeness, "name", "pk"
    )


def search_establishments(
    queryset: QuerySet[Establishment], text: str
) -> tuple[QuerySet[Establishment], NameSearch]:
    """The establishments a query typed in the directory's search box designates: a FINESS
    number typed with or without spaces or dots (an ET number gives its establishment, an EJ
    number the ESSMS of that managing body), else names and communes (``search_by_name``)."""
    number = typed_number(text)
    if number:
        if Establishment.objects.filter(finess=number).exists():
            return queryset.filter(finess=number), NameSearch(text)
        body = ManagingBody.objects.filter(finess=number).first()
        found = queryset.filter(managing_body=body) if body else queryset.none()
        return found, NameSearch(text, managing_body=body)
    found, approximate = search_by_name(queryset, text)
    return found, NameSearch(text, approximate=approximate)


def search_vocabulary() -> Counter[str]:
    """The words of the open establishments' names and communes, with their frequency."""
    open_establishments = Establishment.objects.filter(is_closed=False)
    state = tuple(
        open_establishments.aggregate(
            count=Count("pk"), last=Max("pk"), length=Sum(Length("search_name"))
        ).values()
    )
    cached = _vocabulary.get("open")
    if cached is None or cached[0] != state:
        names = open_establishments.values_list("search_name", flat=True)
        cached = (state, spelling.vocabulary(names.iterator(chunk_size=5000)))
        _vocabulary["open"] = cached
    return cached[1]


def spelling_suggestion(search: NameSearch | None, result_count: int) -> str | None:
    """The query with its misspelt words corrected ("ehpda" gives "ehpad"), when the search
    found nothing, little or only close names; None when nothing is to correct."""
    if search is None or search.managing_body or typed_number(search.text):
        return None
    if result_count >= FEW_RESULTS and not search.approximate:
        return None
    corrected = spelling.suggestion(normalize(search.text), search_vocabulary())
    return corrected.lower() if corrected else None


def bodies_of_siret(siret: str) -> QuerySet[ManagingBody]:
    """The open managing bodies of the legal unit of a SIRET: their SIREN is its first nine
    digits, or one of their ESSMS has a SIRET of that SIREN (the FINESS extract gives the
    ESSMS' SIRET more often than the body's SIREN)."""
    siren = siret[:9]
    if len(siren) != 9:
        return ManagingBody.objects.none()
    run_by_it = Establishment.objects.filter(siret__startswith=siren).values("managing_body")
    return ManagingBody.objects.filter(
        Q(siren=siren) | Q(pk__in=run_by_it), is_closed=False
    ).order_by("display_name")
