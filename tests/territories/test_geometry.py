"""Point in polygon with a distance tolerance, and Douglas-Peucker (territories.geometry)."""

import pytest

from mutualis.territories.geometry import contains, distance_km, polygons_of, simplify

# A 1°×1° square around (0.5, 45.5) with a 0.2° square hole, plus an island further east.
SQUARE = [[0, 45], [1, 45], [1, 46], [0, 46], [0, 45]]
HOLE = [[0.4, 45.4], [0.6, 45.4], [0.6, 45.6], [0.4, 45.6], [0.4, 45.4]]
ISLAND = [[3, 45], [3.1, 45], [3.1, 45.1], [3, 45]]
GEOMETRY = {"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], [ISLAND]]}


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [
        (0.1, 45.1, True),
        (0.5, 45.5, False),  # in the hole
        (3.08, 45.02, True),  # on the island
        (2.0, 45.5, False),
        (-0.01, 45.5, False),
    ],
)
def test_contains(lon, lat, inside):
    assert contains(polygons_of(GEOMETRY), lon, lat) is inside


def test_distance_is_zero_inside_and_in_km_outside():
    polygons = polygons_of(GEOMETRY)
    assert distance_km(polygons, 0.1, 45.1) == 0.0
    # 0.1° of latitude is 11.1 km; 0.1° of longitude at 45.5° N is 7.8 km.
    assert distance_km(polygons, 0.5, 46.1) == pytest.approx(11.12, abs=0.05)
    assert distance_km(polygons, 1.1, 45.5) == pytest.approx(7.79, abs=0.05)
    assert distance_km(polygons, 0.5, 45.5) == pytest.approx(7.79, abs=0.05)  # hole's edge


def test_polygon_geometry_and_unknown_type():
    assert polygons_of({"type": "Polygon", "coordinates": [SQUARE]}) == [[SQUARE]]
    with pytest.raises(ValueError):
        polygons_of({"type": "Point", "coordinates": [0, 0]})


def test_simplify_keeps_ends_and_far_points():
    line = [(0, 0), (1, 0.01), (2, -0.01), (3, 1), (4, 0)]
    assert simplify(line, 0.1) == [(0, 0), (2, -0.01), (3, 1), (4, 0)]
    assert simplify(line, 5) == [(0, 0), (4, 0)]
    assert simplify([(0, 0), (1, 1)], 0.1) == [(0, 0), (1, 1)]
