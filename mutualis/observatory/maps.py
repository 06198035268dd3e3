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


def classes(maximum: float) -> list[tuple[float, float]]:
    """Fixed classes: one per palier for a 0–4 score, 20-point steps for a percentage."""
    step = 1 if maximum == 4 else 20
    return [(low, low + step) for low in range(0, int(maximum), step)]


def css_class(value: float | None, maximum: float) -> str:
    if value is None:
        return "mutualis-choro--none"
    bins = classes(maximum)
    index = min(math.floor(value / (maximum / len(bins))), len(bins) - 1)
    return f"mutualis-choro--{index}"


def legend(maximum: float, unit: str) -> list[Legend]:
    items = [
        Legend(
            f"{low} à {high}{unit}"
            if index < len(classes(maximum)) - 1
            else f"{low}{unit} et plus",
            f"mutualis-choro--{index}",
        )
        for index, (low, high) in enumerate(classes(maximum))
    ]
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
