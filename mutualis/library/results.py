"""Search results: facet counting over the matching reports (pure Python, the same on both
databases) and the lazily highlighted result list given to the paginator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import compress

from django.utils.safestring import SafeString

from mutualis.library import analysis
from mutualis.library.analysis import ParsedQuery
from mutualis.library.models import ExperienceReport
from mutualis.library.search import backend

FACETS = ("type", "tag", "region")


# A matching report as the facets see it: (pk, région code, initiative id, tag codes
# separated by spaces). Plain tuples: thousands of them are counted per search.
Row = tuple[int, str | None, int | None, str]


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool
    group: str = ""


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def _passes(rows: list[Row], name: str, values: set[str], types: dict[int, str]) -> list[bool]:
    """Which rows have one of the chosen ``values`` of facet ``name``."""
    if name == "tag":
        return [not values.isdisjoint(row[3].split()) for row in rows]
    if name == "region":
        return [row[1] in values for row in rows]
    initiatives = {pk for pk, code in types.items() if code in values}
    return [row[2] in initiatives for row in rows]


def _count(rows: list[Row], name: str, types: dict[int, str]) -> Counter:
    if name == "tag":
        return Counter(" ".join(row[3] for row in rows).split())
    if name == "region":
        return Counter(row[1] for row in rows if row[1])
    counts = Counter()
    for initiative, number in Counter(row[2] for row in rows if row[2]).items():
        if initiative in types:
            counts[types[initiative]] += number
    return counts


def tally(
    rows: list[Row], selected: dict[str, list[str]], types: dict[int, str]
) -> tuple[dict[str, Counter], list[Row]]:
    """The rows kept by the facet choices (values chosen in one facet add up, facets narrow
    each other), and per facet how many reports each value would give under the choices made
    in the other facets. ``types``: initiative id → initiative type code."""
    passes = {
        name: _passes(rows, name, set(values), types) for name, values in selected.items() if values
    }
    counts = {}
    for name in FACETS:
        others = [flags for other, flags in passes.items() if other != name]
        pool = list(compress(rows, map(all, zip(*others, strict=True)))) if others else rows
        counts[name] = _count(pool, name, types)
    kept = list(compress(rows, map(all, zip(*passes.values(), strict=True)))) if passes else rows
    return counts, kept


@dataclass
class Hit:
    report: ExperienceReport
    title: SafeString
    excerpt: SafeString


class SearchResults:
    """Ranked reports, fetched lazily: only the reports of the page shown are read and
    highlighted (a Paginator reads ``count()`` then one slice)."""

    def __init__(self, ids: list[int], parsed: ParsedQuery, facets: list[Facet]):
        self.ids, self.parsed, self.facets = ids, parsed, facets

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        reports = ExperienceReport.objects.select_related(
            "region", "initiative__type", "managing_body"
        ).in_bulk(ids)
        marked = backend().excerpts(ids, self.parsed) if self.parsed and ids else {}
        hits = []
        for pk in ids:
            report = reports[pk]
            title, excerpt = marked.get(pk, (None, None))
            hits.append(
                Hit(
                    report,
                    analysis.render(title or report.title),
                    analysis.render(excerpt or analysis.plain_excerpt(report.context)),
                )
            )
        return hits
