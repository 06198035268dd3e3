"""Reads of the directory. The directory is public open data: no scope filter applies."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Length

from mutualis.core.text import normalize
from mutualis.directory import spelling
from mutualis.directory.models import Establishment, Grouping, GroupingMember, ManagingBody
from mutualis.finess.models import Sector
from mutualis.finess.numbers import typed_number

MAP_POINTS_LIMIT = 60_000
# Fewer results than this and the page suggests a spelling ("Vouliez-vous dire …").
FEW_RESULTS = 5

# The spelling vocabulary of the open establishments, with the state of the data it was read
# from: rebuilt when an import or a test changes the names (one tuple, replaced at once).
_vocabulary: dict[str, tuple[tuple, Counter[str]]] = {}


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
