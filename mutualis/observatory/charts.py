"""Server-rendered SVG bar charts: pure geometry from labelled values (no ORM, no JS).

Each chart is drawn as horizontal bars, one per label, and shown beside its data table; a
value withheld by the small-cell rule (None) has no bar and reads "secret".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 90
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 4
LABEL_CHARACTERS = 34


@dataclass(frozen=True)
class Bar:
    label: str  # full label (table, tooltip)
    short_label: str  # drawn in the chart
    text: str  # formatted value, or "secret"
    width: float  # 0 when withheld
    y: float

    @property
    def label_y(self) -> float:
        return self.y + BAR_HEIGHT - 3

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: list[Bar]
    height: int
    bar_x: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - 8
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT


def _shorten(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(
    title: str,
    items: Iterable[tuple[str, float | int | None]],
    maximum: float | None,
    formatter: Callable[[float | int | None], str],
) -> BarChart:
    """Bars proportional to ``maximum`` (a 0–4 score, 100 %), or to the largest value
    when ``maximum`` is None (counts)."""
    items = list(items)
    known = [value for _, value in items if value is not None]
    scale = maximum if maximum is not None else max(known, default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=label,
            short_label=_shorten(label),
            text=formatter(value),
            width=round(room * value / scale, 1) if value is not None and scale else 0,
            y=TOP + index * ROW_HEIGHT,
        )
        for index, (label, value) in enumerate(items)
    ]
    withheld = sum(value is None for _, value in items)
    description = f"Diagramme en barres, {len(items)} valeur(s)" + (
        f", dont {withheld} non publiée(s) (secret statistique)" if withheld else ""
    )
    description += " ; les valeurs sont dans le tableau de données qui suit."
    return BarChart(
        title=title,
        description=description,
        bars=bars,
        height=TOP * 2 + max(len(items), 1) * ROW_HEIGHT,
    )
