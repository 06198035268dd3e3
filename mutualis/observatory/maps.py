"""Server-rendered choropleth maps from the pre-projected contours (data/france-map.json)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAP_FILE = Path(__file__).resolve().parent / "data" / "france-map.json"
MARGIN = 6


@cache
def _map() -> dict:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str
    value: float | None
    css_class: str
    url: str
    highlighted: bool = False


@dataclass(frozen=True)
class Legend:
    label: str
    css_class: str


PALETTE = 5  # mutualis-choro--0 … --4


def class_bounds(values: list[float], count: int = PALETTE) -> list[float]:
    """Class bounds from the quantiles of the values shown (so that a région's
    départements differ): ``count`` classes at most, fewer when values repeat."""
    ordered = sorted(values)
    if not ordered:
        return []
    bounds = [ordered[0]]
    for step in range(1, count):
        position = (len(ordered) - 1) * step / count
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        bound = round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 2)
        if bound > bounds[-1]:
            bounds.append(bound)
    if ordered[-1] > bounds[-1] or len(bounds) == 1:
        bounds.append(ordered[-1])
    return bounds


def _palette_index(index: int, classes: int) -> int:
    return round(index * (PALETTE - 1) / (classes - 1)) if classes > 1 else PALETTE // 2


def css_class(value: float | None, bounds: list[float]) -> str:
    if value is None or not bounds:
        return "mutualis-choro--none"
    classes = len(bounds) - 1
    index = next((i for i in range(classes) if value <= bounds[i + 1]), classes - 1)
    return f"mutualis-choro--{_palette_index(index, classes)}"


def legend(bounds: list[float], formatter) -> list[Legend]:
    """One item per class with its bounds, then the withheld territories."""
    classes = len(bounds) - 1
    items = []
    for index in range(max(classes, 0)):
        low, high = bounds[index], bounds[index + 1]
        text = (
            formatter(low)
            if low == high
            else f"{'de' if index == 0 else 'plus de'} {formatter(low)} à {formatter(high)}"
        )
        items.append(Legend(text, f"mutualis-choro--{_palette_index(index, classes)}"))
    return [*items, Legend("Secret statistique ou pas de données", "mutualis-choro--none")]


def shapes(level: str, codes: list[str]) -> list[dict]:
    return [{"code": code, **_map()[level][code]} for code in codes if code in _map()[level]]


def view_box(items: list[dict]) -> str:
    """The whole map for the régions; the bounding box of the shapes otherwise."""
    if not items or len(items) == len(_map()["regions"]):
        return _map()["viewBox"]
    x0 = min(i["bbox"][0] for i in items) - MARGIN
    y0 = min(i["bbox"][1] for i in items) - MARGIN
    x1 = max(i["bbox"][2] for i in items) + MARGIN
    y1 = max(i["bbox"][3] for i in items) + MARGIN
    return f"{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}"


def insets() -> list[dict]:
    return _map()["insets"]
