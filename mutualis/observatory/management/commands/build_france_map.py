"""Pre-project the département and région contours into the SVG paths of the observatory.

Run once when the contours change; the result (data/france-map.json) is shipped:
    python manage.py build_france_map ../shared/data/contours-geojson
Metropolitan France in Lambert-93 (EPSG:2154); the overseas départements in insets on the
right, each in its own box (UTM of its zone).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from pyproj import Transformer

from mutualis.territories.geometry import simplify

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "france-map.json"
WIDTH, HEIGHT = 560, 560
INSET_X, INSET_SIZE, INSET_GAP = 590, 96, 14
# Overseas départements (and their région code) in inset order, with a metric projection.
OVERSEAS = {
    "971": ("01", "Guadeloupe", "EPSG:32620"),
    "972": ("02", "Martinique", "EPSG:32620"),
    "973": ("03", "Guyane", "EPSG:32622"),
    "974": ("04", "La Réunion", "EPSG:32740"),
    "976": ("06", "Mayotte", "EPSG:32738"),
}
TOLERANCE = 0.9  # px: Douglas-Peucker simplification in screen space


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


class _Frame:
    """Fits projected rings into a box of the SVG, keeping proportions."""

    def __init__(self, rings, box):
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        self.min_x, self.max_y = min(xs), max(ys)
        x0, y0, width, height = box
        self.scale = min(width / (max(xs) - self.min_x), height / (self.max_y - min(ys)))
        self.x0 = x0 + (width - (max(xs) - self.min_x) * self.scale) / 2
        self.y0 = y0 + (height - (self.max_y - min(ys)) * self.scale) / 2

    def point(self, x, y):
        return (self.x0 + (x - self.min_x) * self.scale, self.y0 + (self.max_y - y) * self.scale)


def _path(rings, frame) -> tuple[str, list[float]]:
    parts, xs, ys = [], [], []
    for ring in rings:
        kept = simplify([frame.point(*p) for p in ring], TOLERANCE)
        if len(kept) < 4:
            continue
        xs += [x for x, _ in kept]
        ys += [y for _, y in kept]
        parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in kept) + "Z")
    bbox = [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]
    return "".join(parts), bbox


class Command(BaseCommand):
    help = "Construit les tracés SVG de la carte de France de l'observatoire."

    def add_arguments(self, parser):
        parser.add_argument("contours", type=Path, help="dossier contours-geojson")

    def handle(self, *args, contours: Path, **options):
        lambert = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
        features = {}
        for level, name in (("departements", "departements"), ("regions", "regions")):
            data = json.loads((contours / f"{name}-avec-outre-mer.geojson").read_text())
            features[level] = {f["properties"]["code"]: f for f in data["features"]}
        overseas = {"departements": set(OVERSEAS), "regions": {v[0] for v in OVERSEAS.values()}}
        metro_rings = {
            level: {
                code: [[lambert.transform(*p) for p in ring] for ring in _rings(f["geometry"])]
                for code, f in items.items()
                if code not in overseas[level]
            }
            for level, items in features.items()
        }
        frame = _Frame(
            [r for rings in metro_rings["departements"].values() for r in rings],
            (0, 0, WIDTH, HEIGHT),
        )
        result = {"viewBox": f"0 0 {INSET_X + INSET_SIZE} {HEIGHT}", "insets": []}
        for level in ("departements", "regions"):
            result[level] = {}
            for code, rings in metro_rings[level].items():
                d, bbox = _path(rings, frame)
                result[level][code] = {"name": features[level][code]["properties"]["nom"]}
                result[level][code] |= {"d": d, "bbox": bbox}
        for index, (code, (region, label, crs)) in enumerate(OVERSEAS.items()):
            project = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
            rings = [
                [project.transform(*p) for p in ring]
                for ring in _rings(features["departements"][code]["geometry"])
            ]
            box = (INSET_X, index * (INSET_SIZE + INSET_GAP) + 4, INSET_SIZE, INSET_SIZE)
            d, bbox = _path(rings, _Frame(rings, (box[0] + 4, box[1] + 4, 88, 88)))
            shape = {"name": label, "d": d, "bbox": bbox}
            result["departements"][code] = shape
            result["regions"][region] = {**shape, "name": label}
            result["insets"].append({"x": box[0], "y": box[1], "size": INSET_SIZE, "label": label})
        OUTPUT.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
        size = OUTPUT.stat().st_size // 1024
        self.stdout.write(f"{OUTPUT.name} : {len(result['departements'])} départements, {size} Ko")
