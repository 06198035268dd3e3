"""Reads of the library: the public search with facets, a report's sections (highlighted),
the moderation queue and an author's own reports."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.safestring import SafeString

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.library import analysis, results
from mutualis.library.analysis import ParsedQuery
from mutualis.library.models import SECTIONS, CooperationTag, ExperienceReport
from mutualis.library.results import FACETS, Facet, FacetValue, Row, SearchResults
from mutualis.library.search import CANDIDATE, backend
from mutualis.territories.models import Region

State = ExperienceReport.State


def published() -> QuerySet[ExperienceReport]:
    return ExperienceReport.objects.published()


def _candidates(parsed: ParsedQuery) -> tuple[list[Row], dict[int, str]]:
    """The published reports matching the query (all of them without one), best first, with
    what the facets need; and the type code of their initiatives."""
    if parsed:
        rows = backend().candidates(published(), parsed)
    else:
        rows = list(published().order_by("-published_at", "pk").values_list(*CANDIDATE))
    initiatives = {row[2] for row in rows if row[2] is not None}
    types = dict(Initiative.objects.filter(pk__in=initiatives).values_list("pk", "type__code"))
    return rows, types


def _facets(counts: dict, selected: dict[str, list[str]]) -> list[Facet]:
    facets = [
        Facet("type", "Type d'initiative"),
        Facet("tag", "Référentiel de coopération"),
        Facet("region", "Région"),
    ]
    choices = {
        "type": [(t.code, t.label, "") for t in InitiativeType.objects.all()],
        "tag": [
            (
                t.code,
                t.label,
                "Éléments facilitants" if t.kind == t.Kind.FACILITATING else "Freins",
            )
            for t in CooperationTag.objects.all()
        ],
        "region": [
            (r.code, r.name, "")
            for r in Region.objects.filter(code__in=set(counts["region"]) | set(selected["region"]))
        ],
    }
    for facet in facets:
        for key, label, group in choices[facet.name]:
            number, chosen = counts[facet.name].get(key, 0), key in selected[facet.name]
            if number or chosen:
                facet.values.append(FacetValue(key, label, number, chosen, group))
    return facets


def search(query: str = "", **selected: list[str]) -> SearchResults:
    """Published reports matching a French web-search query (accents and plurals ignored),
    best first, narrowed by facets ``type`` (initiative type codes), ``tag`` (cooperation tag
    codes) and ``region`` (région codes); with the counts of every facet value."""
    selected = {name: list(selected.get(name) or []) for name in FACETS}
    parsed = analysis.parse(query)
    rows, types = _candidates(parsed)
    counts, kept = results.tally(rows, selected, types)
    return SearchResults([row[0] for row in kept], parsed, _facets(counts, selected))


def sections(report: ExperienceReport, query: str = "") -> tuple[SafeString, list]:
    """The title and the non-empty sections of a report, as ``(label, html)``, with the
    terms of ``query`` (the search that led here) highlighted."""
    parsed = analysis.parse(query)
    marked = backend().highlighted(report, parsed) if parsed else {}
    title = analysis.render(marked.get("title") or report.title)
    found = []
    for name, _ in SECTIONS:
        text = getattr(report, name)
        if text.strip():
            label = str(ExperienceReport._meta.get_field(name).verbose_name)
            html = analysis.render(marked.get(name) or text)
            found.append((name, label[0].upper() + label[1:], html))
    return title, found


def answered_questions(report: ExperienceReport) -> QuerySet:
    return report.questions.exclude(answer="").select_related("asked_by")


def moderation_queue(user) -> QuerySet[ExperienceReport]:
    queue = (
        ExperienceReport.objects.filter(state=State.PROPOSED)
        .exclude(author=user)
        .select_related("region", "author", "managing_body")
    )
    if is_national_admin(user):
        return queue.order_by("updated_at")
    return queue.filter(region__in=region_codes(user)).order_by("updated_at")


def written_by(user) -> QuerySet[ExperienceReport]:
    return (
        ExperienceReport.objects.filter(author=user)
        .select_related("region")
        .annotate(waiting=Count("questions", filter=Q(questions__answer="")))
        .order_by("-updated_at")
    )


def linkable_initiatives(user) -> QuerySet[Initiative]:
    """Initiatives a report may be linked to: the published ones and the author's own."""
    return Initiative.objects.filter(
        Q(moderation=Initiative.Moderation.PUBLISHED) | Q(proposed_by=user)
    ).order_by("title")
