"""Small planar geometry on GeoJSON coordinates (longitude, latitude in degrees); no ORM.

Enough for the contours shipped in ``static/territories``: point in (multi)polygon with a
distance tolerance, and the Douglas-Peucker simplification that builds those contours.
Distances use a local equirectangular approximation around the point, exact to well under
1 % at the few kilometres this is used for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float]
Ring = Sequence[Sequence[float]]
Polygon = Sequence[Ring]  # outer ring first, then holes (GeoJSON)


def polygons_of(geometry: dict) -> list[Polygon]:
    """The polygons of a GeoJSON ``Polygon`` or ``MultiPolygon`` geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unsupported geometry type {geometry['type']}")


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd ray casting towards +x."""
    inside = False
    x1, y1 = ring[-1][0], ring[-1][1]
    for vertex in ring:
        x2, y2 = vertex[0], vertex[1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def contains(polygons: Sequence[Polygon], lon: float, lat: float) -> bool:
    """Whether the point lies inside one of the polygons (outside its holes)."""
    for outer, *holes in polygons:
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes):
            return True
    return False


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def distance_km(polygons: Sequence[Polygon], lon: float, lat: float) -> float:
    """Distance from the point to the polygons in kilometres, 0 inside."""
    if contains(polygons, lon, lat):
        return 0.0
    # Local plane in km around the point: x scaled by cos(latitude).
    kx = math.radians(EARTH_RADIUS_KM) * math.cos(math.radians(lat))
    ky = math.radians(EARTH_RADIUS_KM)
    best = math.inf
    for polygon in polygons:
        for ring in polygon:
            ax, ay = (ring[-1][0] - lon) * kx, (ring[-1][1] - lat) * ky
            for vertex in ring:
                bx, by = (vertex[0] - lon) * kx, (vertex[1] - lat) * ky
                best = min(best, _segment_distance(0.0, 0.0, ax, ay, bx, by))
                ax, ay = bx, by
    return best


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: keep the points farther than ``tolerance`` from the simplified line
    (same unit as the coordinates); the first and last points are always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            d = _segment_distance(points[i][0], points[i][1], x1, y1, x2, y2)
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]
