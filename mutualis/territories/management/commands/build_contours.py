"""Simplify the département contours drawn under the maps (metropolitan and overseas).

Run once when the contours change; the result is shipped in ``static/territories``:
    python manage.py build_contours \
        ../shared/data/contours-geojson/departements-avec-outre-mer.geojson
Douglas-Peucker per ring (tolerance in degrees), coordinates rounded; rings that shrink to
fewer than four points (islets) are dropped.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from mutualis.territories.geometry import polygons_of, simplify

OUTPUT = (
    Path(__file__).resolve().parents[2]
    / "static/territories/departements-avec-outre-mer-simplifiee.geojson"
)
TOLERANCE = 0.003  # degrees, about 300 m
DECIMALS = 3  # about 100 m


def _ring(ring: list[list[float]]) -> list[list[float]]:
    kept = simplify([(x, y) for x, y in ring], TOLERANCE)
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in kept]


def simplified(feature: dict) -> dict:
    polygons = []
    for polygon in polygons_of(feature["geometry"]):
        rings = [_ring(ring) for ring in polygon]
        if len(rings[0]) >= 4:
            polygons.append([ring for ring in rings if len(ring) >= 4])
    properties = {key: feature["properties"][key] for key in ("code", "nom")}
    geometry = {"type": "MultiPolygon", "coordinates": polygons}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


class Command(BaseCommand):
    help = "Simplifie les contours des départements (métropole et outre-mer) des cartes."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="departements-avec-outre-mer.geojson")

    def handle(self, *args, source: Path, **options):
        data = json.loads(source.read_text(encoding="utf-8"))
        features = sorted(
            (simplified(feature) for feature in data["features"]),
            key=lambda feature: feature["properties"]["code"],
        )
        result = {"type": "FeatureCollection", "features": features}
        OUTPUT.write_text(
            json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        size = OUTPUT.stat().st_size // 1024
        self.stdout.write(f"{OUTPUT.name} : {len(features)} départements, {size} Ko")
