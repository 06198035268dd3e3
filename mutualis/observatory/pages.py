"""What a dashboard page shows, built from a stored dashboard: the map, the charts beside
their tables. No ORM here but the territories' codes passed in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.urls import reverse
from django.utils.http import urlencode

from mutualis.observatory import aggregates, charts, maps
from mutualis.observatory.selectors import EMPTY, METRICS, Dashboard
from mutualis.observatory.templatetags.observatory_tags import figure

CATEGORY_BARS = 12  # the most numerous categories are charted, all are in the table


def unit(metric: str) -> str:
    return "" if METRICS[metric][1] == 4 else " %"


def map_context(board: Dashboard, metric: str, codes: list[str], params: dict) -> dict:
    """The choropleth of the territories ``codes``; classes from the quantiles of the
    values shown, the legend with their bounds."""
    level = board.scope.map_level
    items = maps.shapes(level, codes)
    values = {}
    for item in items:
        figures = board.by_area.get(item["code"])
        values[item["code"]] = figures.metric(metric) if figures else None
    bounds = maps.class_bounds([v for v in values.values() if v is not None])
    shapes = []
    for item in items:
        query = {k: v for k, v in params.items() if k not in ("region", "departement")}
        query["region" if level == "regions" else "departement"] = item["code"]
        value = values[item["code"]]
        shapes.append(
            maps.Shape(
                code=item["code"],
                name=item["name"],
                d=item["d"],
                value=value,
                css_class=maps.css_class(value, bounds),
                url=f"{reverse('observatory:dashboard')}?{urlencode(query)}",
                highlighted=bool(
                    board.scope.departement and board.scope.departement.code == item["code"]
                ),
            )
        )
    return {
        "shapes": shapes,
        "view_box": maps.view_box(items),
        "insets": maps.insets() if level == "regions" else [],
        "legend": maps.legend(bounds, partial(figure, unit=unit(metric))),
        "unit": unit(metric),
        "level_label": "région" if level == "regions" else "département",
    }


def areas(board: Dashboard, shapes: list[maps.Shape]) -> list[tuple[str, aggregates.Figures]]:
    """The table of the map: its territories; on a département's page, the département
    beside its région and the nation (not the région's table)."""
    if board.comparison:
        return board.comparison
    return [(shape.name, board.by_area.get(shape.code, EMPTY)) for shape in shapes]


@dataclass(frozen=True)
class ChartBlock:
    """A chart and the table of its data, under one heading."""

    id: str
    chart: charts.BarChart
    rows: list[tuple[str, aggregates.Figures]]
    caption: str
    first_column: str


def breakdowns(board: Dashboard, metric: str) -> list[ChartBlock]:
    label, maximum = METRICS[metric]
    formatter = partial(figure, unit=unit(metric))

    def block(id_, title, rows, caption, first_column, limit=None):
        shown = rows[:limit] if limit else rows
        chart = charts.bar_chart(
            f"{label} {title}", ((n, f.metric(metric)) for n, f in shown), maximum, formatter
        )
        return ChartBlock(id_, chart, rows, caption, first_column)

    return [
        block("secteur", "par secteur", board.by_sector, "Par secteur", "Secteur"),
        block(
            "taille",
            "par taille de l'organisme gestionnaire",
            board.by_size,
            "Par taille de l'organisme gestionnaire",
            "Taille",
        ),
        block(
            "categorie",
            f"par catégorie (les {CATEGORY_BARS} plus nombreuses en ESSMS)",
            board.by_category,
            "Par catégorie FINESS",
            "Catégorie",
            limit=CATEGORY_BARS,
        ),
    ]


def dimension_charts(board: Dashboard) -> dict:
    score = partial(figure, unit="")
    means = charts.bar_chart(
        "Maturité moyenne par dimension (0 à 4)",
        ((d.label, d.mean) for d in board.dimensions),
        4,
        score,
    )
    distributions = [
        (
            dimension,
            charts.bar_chart(
                f"{dimension.label} : ESSMS par palier atteint",
                (
                    (f"Palier {level}", n)
                    for level, n in zip(aggregates.LEVELS, dimension.counts, strict=True)
                ),
                None,
                score,
            ),
        )
        for dimension in board.dimensions
        if dimension.assessed
    ]
    return {"means": means, "distributions": distributions, "levels": aggregates.LEVELS}


def services_chart(board: Dashboard) -> charts.BarChart:
    names = {
        "ins": "INS",
        "mssante": "MSSanté",
        "dmp": "DMP / Mon espace santé",
        "psc": "Pro Santé Connect",
    }
    return charts.bar_chart(
        "Adoption des services socles (%)",
        ((names[s], board.summary.services.get(s)) for s in aggregates.SERVICES),
        100,
        partial(figure, unit=" %"),
    )


def editors_chart(board: Dashboard) -> charts.BarChart:
    return charts.bar_chart(
        "Parts de marché des éditeurs de DUI (%)",
        ((share.label, share.percent) for share in board.editors),
        100,
        partial(figure, unit=" %"),
    )


def evolution_chart(board: Dashboard) -> charts.BarChart:
    return charts.bar_chart(
        "Maturité moyenne par campagne (0 à 4)",
        ((str(year), figures.maturity) for year, figures in board.evolution),
        4,
        partial(figure, unit=""),
    )
