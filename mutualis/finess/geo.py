"""Coordinate helpers: projected FINESS coordinates to WGS84 longitude/latitude.

The etalab extract gives ``coordxet``/``coordyet`` in a projected system named in
``sourcecoordet`` (Lambert-93 EPSG:2154 in metropolitan France, local UTM systems
overseas: 5490 Antilles, 2972 Guyane, 2975 Réunion, 4471 Mayotte, 32621
Saint-Pierre-et-Miquelon).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from pyproj import Transformer
from pyproj.exceptions import ProjError

_EPSG_RE = re.compile(r"EPSG\s*:\s*(\d{4,6})", re.IGNORECASE)
LAMBERT_93 = 2154
# Projected system of each overseas département (COG code) in the FINESS extracts.
OVERSEAS_EPSG = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "975": 32621, "976": 4471}


@lru_cache(maxsize=32)
def _transformer(epsg: int) -> Transformer:
    return Transformer.from_crs(f"EPSG:{epsg}", "EPSG:4326", always_xy=True)


def to_wgs84(x: float, y: float, epsg: int) -> tuple[float, float]:
    """Project ``(x, y)`` from ``EPSG:epsg`` to WGS84 and return ``(lon, lat)``.

    Raises ``ValueError`` for an unknown EPSG code or a point that cannot be projected.
    """
    try:
        transformer = _transformer(epsg)
    except ProjError as exc:
        raise ValueError(f"unknown CRS EPSG:{epsg}") from exc
    lon, lat = transformer.transform(x, y)
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
        raise ValueError(f"cannot project ({x}, {y}) from EPSG:{epsg}")
    return lon, lat


def epsg_from_source(sourcecoordet: str) -> int | None:
    """Extract the EPSG code from a ``sourcecoordet`` value, or ``None`` if absent.

    >>> epsg_from_source("1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)")
    2154
    """
    match = _EPSG_RE.search(sourcecoordet or "")
    return int(match.group(1)) if match else None


def epsg_for_departement(declared: int, departement_code: str) -> int:
    """The system to read a point in: Lambert-93 covers metropolitan France only, so an
    overseas point declared in EPSG:2154 is read in its département's local system.

    The 2021 national extract has 24 such lines (département "97"), whose coordinates are
    the local UTM ones: read as Lambert-93 they would land in Scotland or the Atlantic.

    >>> epsg_for_departement(2154, "974")
    2975
    """
    if declared == LAMBERT_93:
        return OVERSEAS_EPSG.get(departement_code, declared)
    return declared
