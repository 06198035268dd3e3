"""Every geolocated establishment of the national extract lies in its département's contour.

The contours are those the maps draw (``territories/static``, overseas included), with a
5 km tolerance for their simplification and for addresses on the coast or a border.
"""

import json
from pathlib import Path

import pytest

from mutualis.finess.readers import read_finess_file
from mutualis.territories.geometry import distance_km, polygons_of

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "demo/finess/etalab-cs1100507-stock-20210108-reconstructed.csv.gz"
CONTOURS = (
    ROOT / "mutualis/territories/static/territories/departements-avec-outre-mer-simplifiee.geojson"
)
TOLERANCE_KM = 5.0

# Saint-Martin and Saint-Barthélemy left Guadeloupe in 2007 (COG 978 and 977) but FINESS
# still files their establishments under 9A (971); the contours have no shape for them,
# so their points must lie on their island instead: (west, south, east, north).
ISLANDS = {
    "97150": ("Saint-Martin", (-63.16, 18.00, -62.96, 18.13)),
    "97133": ("Saint-Barthélemy", (-62.96, 17.86, -62.78, 17.97)),
}
# Points checked one by one, with the reason they are outside their FINESS département.
KNOWN = {
    # FINESS département 44, address and point in Distré (49400, Maine-et-Loire): the
    # département field disagrees with the commune in the 2021 file.
    "440019644": "49400 DISTRE",
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not NATIONAL.exists(), reason="national FINESS extract not available"),
]


def _on_island(postal_code: str, lon: float, lat: float) -> bool:
    west, south, east, north = ISLANDS[postal_code][1]
    return west <= lon <= east and south <= lat <= north


def test_every_point_lies_in_its_departement():
    contours = json.loads(CONTOURS.read_text(encoding="utf-8"))
    shapes = {f["properties"]["code"]: polygons_of(f["geometry"]) for f in contours["features"]}
    assert {"971", "972", "973", "974", "976", "2A", "2B"} <= set(shapes)
    result = read_finess_file(NATIONAL)
    offenders, islands, known, checked = [], 0, set(), 0
    for record in result.establishments:
        if record.latitude is None:
            continue
        checked += 1
        if record.postal_code in ISLANDS and record.departement_code == "971":
            islands += 1
            if not _on_island(record.postal_code, record.longitude, record.latitude):
                offenders.append(f"{record.finess} hors de {ISLANDS[record.postal_code][0]}")
            continue
        distance = distance_km(shapes[record.departement_code], record.longitude, record.latitude)
        if distance <= TOLERANCE_KM:
            continue
        where = f"{record.postal_code} {record.city}"
        if KNOWN.get(record.finess) == where:
            known.add(record.finess)
            continue
        offenders.append(
            f"{record.finess} ({record.departement_code}, {where}) à {distance:.0f} km : "
            f"{record.longitude:.4f}, {record.latitude:.4f} [{record.geo_source}]"
        )
    assert not offenders, f"{len(offenders)} établissements hors de leur département :\n" + (
        "\n".join(offenders[:200])
    )
    assert checked == 95_324
    assert islands == 47
    assert known == set(KNOWN)
