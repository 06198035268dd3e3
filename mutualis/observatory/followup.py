"""Regional follow-up: the establishments of a région and where their assessment stands, the
assessments shared with the région, submission rates by département."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from mutualis.directory.models import Establishment
from mutualis.maturity.models import Assessment
from mutualis.territories.models import Departement

STATES = {"soumis": "Soumis", "en_cours": "En cours", "aucun": "Aucun"}


def _exists(campaign: int, status: str, of_body: bool) -> Exists:
    assessments = Assessment.objects.filter(campaign=campaign, status=status)
    if of_body:
        return Exists(
            assessments.filter(managing_body=OuterRef("managing_body"), establishment=None)
        )
    return Exists(assessments.filter(establishment=OuterRef("pk")))


@dataclass(frozen=True)
class Filters:
    """What the follow-up shows: régions, campaign, and optional département, sector, state."""

    regions: frozenset[str]
    campaign: int
    departement: Departement | None = None
    sector: object | None = None  # finess.Sector
    state: str = ""


def establishments_with_state(
    region_codes: set[str] | frozenset[str], campaign: int, state: str = ""
) -> QuerySet[Establishment]:
    """Open establishments of the régions, annotated with ``state`` (a key of STATES): their
    own assessment or their managing body's, submitted, else in progress, else none."""
    submitted, draft = Assessment.Status.SUBMITTED, Assessment.Status.DRAFT
    queryset = (
        Establishment.objects.filter(is_closed=False, region__in=region_codes)
        .select_related("managing_body", "category", "departement")
        .annotate(
            state=Case(
                When(
                    Q(_exists(campaign, submitted, False)) | Q(_exists(campaign, submitted, True)),
                    then=Value("soumis"),
                ),
                When(
                    Q(_exists(campaign, draft, False)) | Q(_exists(campaign, draft, True)),
                    then=Value("en_cours"),
                ),
                default=Value("aucun"),
            )
        )
        .order_by("departement_id", "name", "finess")
    )
    return queryset.filter(state=state) if state in STATES else queryset


def establishments(filters: Filters, with_state: bool = True) -> QuerySet[Establishment]:
    """The establishments the filters keep; the state filter only if ``with_state`` (the
    counters by state follow the other filters)."""
    queryset = establishments_with_state(
        filters.regions, filters.campaign, filters.state if with_state else ""
    )
    if filters.departement:
        queryset = queryset.filter(departement=filters.departement)
    if filters.sector:
        queryset = queryset.filter(category__sector=filters.sector)
    return queryset


def state_counts(filters: Filters) -> list[tuple[str, str, int]]:
    """(state key, label, count) of the establishments the filters keep, in one query."""
    counts = dict(
        establishments(filters, with_state=False)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    return [(key, label, counts.get(key, 0)) for key, label in STATES.items()]


def shared_assessments(filters: Filters) -> QuerySet[Assessment]:
    """The campaign's assessments shared with the régions (their territory as stored at
    sharing), in the filters' département and sector; the state filter does not apply."""
    queryset = Assessment.objects.filter(
        shared_with_region=True, region__in=filters.regions, campaign=filters.campaign
    )
    if filters.departement:
        queryset = queryset.filter(departement=filters.departement)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    return queryset.select_related("managing_body", "establishment", "departement").order_by(
        "departement_id", "-global_score", "pk"
    )


def level(score: float | None) -> int | None:
    """The palier reached: the integer part of the global score (see maturity.scoring)."""
    return None if score is None else int(score)


@dataclass(frozen=True)
class DepartementRate:
    code: str
    name: str
    establishments: int
    submitted: int
    in_progress: int
    without: int

    @property
    def rate(self) -> float | None:
        """Share of establishments with a submitted assessment (%), None without any."""
        return 100 * self.submitted / self.establishments if self.establishments else None


def rates_by_departement(filters: Filters) -> list[DepartementRate]:
    """Per département of the régions (the département filter aside): open establishments,
    submitted, in progress, without assessment. One aggregate query."""
    queryset = establishments(Filters(filters.regions, filters.campaign, sector=filters.sector))
    counts = {
        row["departement"]: row
        for row in queryset.order_by()
        .values("departement")
        .annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=Q(state="soumis")),
            in_progress=Count("pk", filter=Q(state="en_cours")),
        )
    }
    rates = []
    for code, name in (
        Departement.objects.filter(region__in=filters.regions)
        .order_by("code")
        .values_list("code", "name")
    ):
        row = counts.get(code, {"total": 0, "submitted": 0, "in_progress": 0})
        rates.append(
            DepartementRate(
                code=code,
                name=name,
                establishments=row["total"],
                submitted=row["submitted"],
                in_progress=row["in_progress"],
                without=row["total"] - row["submitted"] - row["in_progress"],
            )
        )
    return rates
