"""Search results: facet counting over the matching reports (pure Python, the same on both
databases) and the lazily highlighted result list given to the paginator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from mutualis.library import analysis
from mutualis.library.analysis import ParsedQuery
from mutualis.library.models import ExperienceReport
from mutualis.library.search import backend

FACETS = ("type", "tag", "region")


# A matching report as the facets see it: (pk, région code, initiative type code, tag codes
# separated by spaces). Plain tuples: thousands of them are counted per search.
Row = tuple[int, str | None, str | None, str]


def _values(row: Row, facet: str) -> list[str]:
    if facet == "tag":
        return row[3].split()
    value = row[1] if facet == "region" else row[2]
    return [value] if value else []


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


def _keeps(row: Row, active: dict[str, set[str]], skip: str = "") -> bool:
    """Chosen values add up inside a facet (any of them) and narrow across facets."""
    return all(
        not values.isdisjoint(_values(row, name)) for name, values in active.items() if name != skip
    )


def _active(selected: dict[str, list[str]]) -> dict[str, set[str]]:
    return {name: set(values) for name, values in selected.items() if values}


def narrow(rows: list[Row], selected: dict[str, list[str]]) -> list[Row]:
    active = _active(selected)
    return [row for row in rows if _keeps(row, active)] if active else rows


def count(rows: list[Row], selected: dict[str, list[str]]) -> dict[str, Counter]:
    """Per facet, how many reports each value would give: under the query and the choices
    made in the other facets."""
    active = _active(selected)
    counts = {}
    for name in FACETS:
        pool = rows
        if any(other != name for other in active):
            pool = [row for row in rows if _keeps(row, active, skip=name)]
        if name == "tag":
            counts[name] = Counter(" ".join(row[3] for row in pool).split())
        else:
            column = 1 if name == "region" else 2
            counts[name] = Counter(row[column] for row in pool if row[column])
    return counts


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
