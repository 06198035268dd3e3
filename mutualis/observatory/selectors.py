"""Observatory reads: every public dashboard is computed by the refresh task (after data
changes) and stored; a visitor's request reads the stored figures, never computes them."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import zlib
from collections import defaultdict
from dataclasses import dataclass, fields

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from mutualis.directory.models import SizeClass
from mutualis.finess.models import Category, Sector
from mutualis.maturity.models import Assessment, Dimension
from mutualis.observatory import aggregates
from mutualis.observatory.dataset import establishment_rows
from mutualis.observatory.models import PublishedDashboard
from mutualis.territories.models import Departement, Region

CACHE_SECONDS = 7 * 24 * 3600
VERSION_KEY = "observatory:version"
METRICS = {
    "maturity": ("Maturité moyenne (0 à 4)", 4),
    "dui_rate": ("Taux d'équipement en DUI (%)", 100),
    "segur_share": ("Part de solutions référencées Ségur (%)", 100),
    "service_ins": ("Adoption de l'INS (%)", 100),
    "service_mssante": ("Adoption de MSSanté (%)", 100),
    "service_dmp": ("Alimentation du DMP (%)", 100),
    "service_psc": ("Adoption de Pro Santé Connect (%)", 100),
}


EMPTY = aggregates.summarize([], minimum=1)  # a territory without any establishment


def minimum() -> int:
    return settings.MUTUALIS["SMALL_CELL_MINIMUM"]


def _submitted_campaigns() -> list[int]:
    key = f"observatory:campaigns:{cache.get_or_set(VERSION_KEY, 1, None)}"
    found = cache.get(key)
    if found is None:
        found = sorted(
            set(
                Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
                .values_list("campaign", flat=True)
                .distinct()
            )
        )
        cache.set(key, found, CACHE_SECONDS)
    return found


def campaigns() -> list[int]:
    """Campaigns with submitted assessments, and the current one; newest first."""
    return sorted(set(_submitted_campaigns()) | {timezone.localdate().year}, reverse=True)


def default_campaign() -> int:
    """The latest campaign with submitted assessments, else the current year."""
    submitted = _submitted_campaigns()
    return submitted[-1] if submitted else timezone.localdate().year


@dataclass(frozen=True)
class Scope:
    """A territory (national, one région or one département) and an optional sector."""

    region: Region | None = None
    departement: Departement | None = None
    sector: Sector | None = None

    def keeps(self, row: aggregates.Row) -> bool:
        return (
            (self.region is None or row.region == self.region.code)
            and (self.departement is None or row.departement == self.departement.code)
            and (self.sector is None or row.sector == self.sector.code)
        )

    @property
    def label(self) -> str:
        place = self.departement or self.region
        return place.name if place else "France entière"

    @property
    def map_level(self) -> str:
        """Régions on the national map; départements of the région (or around the
        département) below."""
        return "regions" if self.region is None and self.departement is None else "departements"


@dataclass
class Dashboard:
    scope: Scope
    computed_at: dt.datetime
    has_demo_data: bool
    summary: aggregates.Figures
    by_area: dict[str, aggregates.Figures]  # the map's territories (régions, départements)
    by_sector: list[tuple[str, aggregates.Figures]]
    by_size: list[tuple[str, aggregates.Figures]]
    by_category: list[tuple[str, aggregates.Figures]]
    editors: list[aggregates.Share]
    evolution: list[tuple[int, aggregates.Figures]]
    dimensions: list[aggregates.DimensionDistribution]
    # A département's page: the département beside its région and the nation.
    comparison: list[tuple[str, aggregates.Figures]]


def _payload_format() -> str:
    """A fingerprint of the stored classes' fields: a deployment that changes them finds no
    stored figures of the old shape (it serves "en cours de calcul" until the refresh), rather
    than unpickling objects that lack a field."""
    shapes = [
        (cls.__name__, [field.name for field in fields(cls)])
        for cls in (
            Dashboard,
            aggregates.Figures,
            aggregates.Share,
            aggregates.DimensionDistribution,
        )
    ]
    return hashlib.sha256(repr(shapes).encode()).hexdigest()[:8]


PAYLOAD_FORMAT = _payload_format()


def key(scope: Scope, campaign: int) -> str:
    return "{}:{}:{}:{}:{}".format(
        PAYLOAD_FORMAT,
        campaign,
        scope.region.code if scope.region else "",
        scope.departement.code if scope.departement else "",
        scope.sector.code if scope.sector else "",
    )


def dashboard(scope: Scope, campaign: int) -> Dashboard | None:
    """The stored figures of a scope, as last computed; None when never computed."""
    payload = (
        PublishedDashboard.objects.filter(key=key(scope, campaign))
        .values_list("payload", flat=True)
        .first()
    )
    return pickle.loads(zlib.decompress(payload)) if payload is not None else None  # noqa: S301


def computed_at(scope: Scope, campaign: int) -> dt.datetime | None:
    """When the stored figures of a scope were computed (a cheap read: no payload)."""
    return (
        PublishedDashboard.objects.filter(key=key(scope, campaign))
        .values_list("computed_at", flat=True)
        .first()
    )


GENERATION_KEY = "observatory:generation"


def generation() -> dt.datetime | None:
    """When the last refresh ended (pages kept until then are current): from the cache,
    else from the stored dashboards."""
    found = cache.get(GENERATION_KEY)
    if found is None:
        found = last_computed()
        if found is not None:
            cache.set(GENERATION_KEY, found, None)
    return found


def last_computed() -> dt.datetime | None:
    return (
        PublishedDashboard.objects.order_by("-computed_at")
        .values_list("computed_at", flat=True)
        .first()
    )


def refresh() -> int:
    """Recompute every public dashboard (each campaign × national, région, département ×
    all sectors or one) and store them; returns how many. Run by the background task."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    computed_at = timezone.now()
    boards = compute_all(computed_at)
    stored = [
        PublishedDashboard(
            key=name,
            computed_at=computed_at,
            payload=zlib.compress(pickle.dumps(board, pickle.HIGHEST_PROTOCOL)),
        )
        for name, board in boards.items()
    ]
    with transaction.atomic():
        PublishedDashboard.objects.exclude(key__in=list(boards)).delete()
        PublishedDashboard.objects.bulk_create(
            stored,
            batch_size=200,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["computed_at", "payload"],
        )
    cache.set(GENERATION_KEY, computed_at, None)
    return len(stored)


@dataclass(frozen=True)
class _Labels:
    sectors: dict[str, str]
    categories: dict[str, str]
    sizes: dict[str, str]
    dimensions: dict[str, str]


def compute_all(computed_at: dt.datetime) -> dict[str, Dashboard]:
    """Every public dashboard, from one read of each campaign's rows."""
    years = sorted(campaigns())
    rows_of = {year: establishment_rows(year) for year in years}
    labels = _Labels(
        sectors=dict(Sector.objects.values_list("code", "label")),
        categories=dict(Category.objects.values_list("code", "label")),
        sizes=dict(SizeClass.choices),
        dimensions=dict(
            Dimension.objects.filter(referential__is_current=True)
            .order_by("position")
            .values_list("code", "label")
        ),
    )
    sectors = [None, *Sector.objects.order_by("code")]
    regions = list(Region.objects.order_by("code"))
    departements = list(Departement.objects.select_related("region").order_by("code"))
    scopes = [
        Scope(region=region, departement=departement, sector=sector)
        for sector in sectors
        for region, departement in [
            (None, None),
            *((region, None) for region in regions),
            *((None, departement) for departement in departements),
        ]
    ]
    # The rows of each (territory, sector) cell, per campaign.
    cells: dict[int, dict[tuple[str, str, str], list[aggregates.Row]]] = {}
    for year, rows in rows_of.items():
        split = defaultdict(list)
        for row in rows:
            for sector in ("", row.sector or "-"):
                split[("", "", sector)].append(row)
                split[(row.region, "", sector)].append(row)
                split[("", row.departement, sector)].append(row)
        cells[year] = split

    def cell(scope: Scope, year: int) -> list[aggregates.Row]:
        return cells[year].get(_cell_key(scope), [])

    summaries = {
        (year, _cell_key(scope)): aggregates.summarize(cell(scope, year), minimum())
        for year in years
        for scope in scopes
    }
    boards = {}
    for year in years:
        has_demo = any(row.is_demo for row in rows_of[year])
        for scope in scopes:
            boards[key(scope, year)] = _board(
                scope, year, cell, summaries, labels, computed_at, has_demo, years
            )
    return boards


def _cell_key(scope: Scope) -> tuple[str, str, str]:
    return (
        scope.region.code if scope.region else "",
        scope.departement.code if scope.departement else "",
        scope.sector.code if scope.sector else "",
    )


def _board(scope, year, cell, summaries, labels, computed_at, has_demo, years) -> Dashboard:
    rows = cell(scope, year)
    comparison = []
    if scope.departement:
        area_scope = Scope(region=scope.departement.region, sector=scope.sector)
        national = Scope(sector=scope.sector)
        comparison = [
            (scope.departement.name, summaries[(year, _cell_key(scope))]),
            (f"Région {area_scope.region.name}", summaries[(year, _cell_key(area_scope))]),
            ("France entière", summaries[(year, _cell_key(national))]),
        ]
    else:
        area_scope = scope
    area_key = (lambda row: row.region) if scope.map_level == "regions" else None
    by_area = aggregates.group(
        cell(area_scope, year), area_key or (lambda row: row.departement), minimum()
    )
    return Dashboard(
        scope=scope,
        computed_at=computed_at,
        has_demo_data=has_demo,
        summary=summaries[(year, _cell_key(scope))],
        by_area=by_area,
        by_sector=_labelled(aggregates.group(rows, lambda r: r.sector, minimum()), labels.sectors),
        by_size=_labelled(aggregates.group(rows, lambda r: r.size_class, minimum()), labels.sizes),
        by_category=sorted(
            _labelled(aggregates.group(rows, lambda r: r.category, minimum()), labels.categories),
            key=lambda item: -item[1].essms,
        ),
        editors=aggregates.editor_shares(rows, minimum(), "Autres éditeurs"),
        evolution=[(other, summaries[(other, _cell_key(scope))]) for other in years],
        dimensions=aggregates.dimension_distributions(rows, labels.dimensions, minimum()),
        comparison=comparison,
    )


def _labelled(groups: dict, labels: dict) -> list[tuple[str, aggregates.Figures]]:
    return sorted(
        ((labels.get(code, "Non classé"), figures) for code, figures in groups.items()),
        key=lambda item: item[0],
    )
