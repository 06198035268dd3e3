"""Chart geometry for server-rendered SVG (no JavaScript charting library)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class RadarAxis:
    label: str
    x: float  # end of the axis
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the label


def _point(centre: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count  # first axis straight up
    return (
        round(centre + radius * math.cos(angle), 1),
        round(centre + radius * math.sin(angle), 1),
    )


def radar_axes(labels: list[str], size: float = 400, margin: float = 90) -> list[RadarAxis]:
    centre, radius = size / 2, size / 2 - margin
    axes = []
    for index, label in enumerate(labels):
        x, y = _point(centre, radius, index, len(labels))
        lx, ly = _point(centre, radius + 14, index, len(labels))
        anchor = "middle" if abs(lx - centre) < 5 else ("start" if lx > centre else "end")
        axes.append(RadarAxis(label, x, y, lx, ly, anchor))
    return axes


def radar_polygon(
    values: list[float | None], maximum: float, size: float = 400, margin: float = 90
) -> str:
    """SVG ``points`` of a series (None counts as 0: callers say which values are missing)."""
    centre, radius = size / 2, size / 2 - margin
    return " ".join(
        "{},{}".format(*_point(centre, radius * (value or 0) / maximum, index, len(values)))
        for index, value in enumerate(values)
    )


def radar_rings(steps: int, size: float = 400, margin: float = 90, count: int = 7) -> list[str]:
    """Polygons of the grid, one per level from 1 to ``steps``."""
    return [radar_polygon([level] * count, steps, size, margin) for level in range(1, steps + 1)]
