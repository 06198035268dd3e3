"""The grid that groups establishments into clusters on the directory map (pure, no ORM).

At zoom ``z`` the world is 256 × 2^z pixels wide (Web Mercator tiles): a cluster gathers the
establishments of one square cell of ``CELL_PX`` pixels, measured in degrees on both axes
and aligned on a world grid, so that panning keeps the clusters in place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CELL_PX = 64
MIN_ZOOM, MAX_ZOOM = 0, 18
DEFAULT_ZOOM = 5  # metropolitan France in a 1 000-pixel wide map
# Fewer establishments than this in view, or zoomed in that far: individual points.
POINTS_UP_TO = 400
POINTS_FROM_ZOOM = 15
POINTS_MAX = 3000  # points sent at most (a whole building of establishments at zoom 15+)

BBox = tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True)
class MapView:
    zoom: int = DEFAULT_ZOOM
    bbox: BBox | None = None  # None: the whole world

    @property
    def cell(self) -> float:
        """Side of a cluster cell in degrees."""
        return CELL_PX * 360 / (256 * 2**self.zoom)

    def shows_points(self, count: int) -> bool:
        return count <= POINTS_UP_TO or self.zoom >= POINTS_FROM_ZOOM

    def snapped_bbox(self) -> BBox | None:
        """The bounding box widened to whole cells: edge clusters keep their full count."""
        if self.bbox is None:
            return None
        west, south, east, north = self.bbox
        cell = self.cell
        return (
            math.floor(west / cell) * cell,
            math.floor(south / cell) * cell,
            math.ceil(east / cell) * cell,
            math.ceil(north / cell) * cell,
        )


def parse_bbox(text: str) -> BBox:
    """``"west,south,east,north"`` in degrees; ``ValueError`` (French) if unusable."""
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError as exc:
        message = "Emprise invalide : quatre nombres attendus (ouest,sud,est,nord)."
        raise ValueError(message) from exc
    finite = all(math.isfinite(v) for v in (west, south, east, north))
    if not finite or not (-90 <= south < north <= 90) or not (west < east) or east - west > 720:
        raise ValueError("Emprise invalide : ouest < est et -90 ≤ sud < nord ≤ 90 attendus.")
    return west, south, east, north
