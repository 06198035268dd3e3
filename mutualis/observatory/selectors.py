"""Observatory reads: cached rows per campaign, dashboards for a scope, open data tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from mutualis.directory.models import SizeClass
from mutualis.finess.models import Category, Sector
from mutualis.maturity.models import Assessment
from mutualis.observatory import aggregates
from mutualis.observatory.dataset import establishment_rows
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


@dataclass(frozen=True)
class Snapshot:
    campaign: int
    computed_at: dt.datetime
    rows: list[aggregates.Row]

    @property
    def has_demo_data(self) -> bool:
        return any(row.is_demo for row in self.rows)


def _key(campaign: int) -> str:
    return f"observatory:rows:{campaign}:{cache.get_or_set(VERSION_KEY, 1, None)}"


def snapshot(campaign: int) -> Snapshot:
    """The campaign's rows, computed on first use and kept until the next refresh."""
    found = cache.get(_key(campaign))
    if found is None:
        found = Snapshot(campaign, timezone.now(), establishment_rows(campaign))
        cache.set(_key(campaign), found, CACHE_SECONDS)
    return found


def refresh() -> None:
    """Forget every cached figure (after writes), then recompute the current campaign."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    snapshot(default_campaign())


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
    by_area: dict[str, aggregates.Figures]
    by_sector: list[tuple[str, aggregates.Figures]]
    by_size: list[tuple[str, aggregates.Figures]]
    by_category: list[tuple[str, aggregates.Figures]]
    editors: list[aggregates.Share]
    evolution: list[tuple[int, aggregates.Figures]]


def dashboard(scope: Scope, campaign: int) -> Dashboard:
    """The figures of a scope, kept in the cache until the next refresh."""
    key = "observatory:dashboard:{}:{}:{}:{}:{}".format(
        campaign,
        scope.region.code if scope.region else "",
        scope.departement.code if scope.departement else "",
        scope.sector.code if scope.sector else "",
        cache.get_or_set(VERSION_KEY, 1, None),
    )
    found = cache.get(key)
    if found is None:
        found = _compute_dashboard(scope, campaign)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _compute_dashboard(scope: Scope, campaign: int) -> Dashboard:
    data = snapshot(campaign)
    rows = [row for row in data.rows if scope.keeps(row)]
    area_scope = Scope(
        region=scope.region or (scope.departement.region if scope.departement else None),
        sector=scope.sector,
    )
    if scope.map_level == "regions":
        area_rows, area_key = rows, (lambda row: row.region)
    else:
        area_rows = [row for row in data.rows if area_scope.keeps(row)]
        area_key = lambda row: row.departement  # noqa: E731
    sectors = dict(Sector.objects.values_list("code", "label"))
    categories = dict(Category.objects.values_list("code", "label"))
    return Dashboard(
        scope=scope,
        computed_at=data.computed_at,
        has_demo_data=data.has_demo_data,
        summary=aggregates.summarize(rows, minimum()),
        by_area=aggregates.group(area_rows, area_key, minimum()),
        by_sector=_labelled(aggregates.group(rows, lambda r: r.sector, minimum()), sectors),
        by_size=_labelled(
            aggregates.group(rows, lambda r: r.size_class, minimum()), dict(SizeClass.choices)
        ),
        by_category=sorted(
            _labelled(aggregates.group(rows, lambda r: r.category, minimum()), categories),
            key=lambda item: -item[1].essms,
        ),
        editors=aggregates.editor_shares(rows, minimum(), "Autres éditeurs"),
        evolution=[
            (year, aggregates.summarize(filter(scope.keeps, snapshot(year).rows), minimum()))
            for year in sorted(campaigns())
        ],
    )


def _labelled(groups: dict, labels: dict) -> list[tuple[str, aggregates.Figures]]:
    return sorted(
        ((labels.get(code, "Non classé"), figures) for code, figures in groups.items()),
        key=lambda item: item[0],
    )
