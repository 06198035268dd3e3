"""The whole national extract of 2021-01-08 (95 333 establishments, cs1100507 layout)."""

import collections
import csv
import datetime as dt
from pathlib import Path

import pytest

from mutualis.finess.readers import read_finess_file

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "demo/finess/etalab-cs1100507-stock-20210108-reconstructed.csv.gz"
CATEGORIES = ROOT / "mutualis/finess/data/categories_etablissement.csv"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not NATIONAL.exists(), reason="national FINESS extract not available"),
]


@pytest.fixture(scope="module")
def social_categories() -> frozenset[str]:
    with CATEGORIES.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return frozenset(row["categetab"] for row in rows if row["domaine"] == "SOC")


@pytest.fixture(scope="module")
def everything():
    progress: list[int] = []
    return read_finess_file(NATIONAL, progress=progress.append), progress


@pytest.fixture(scope="module")
def social(social_categories):
    """Filtered read (memory is measured by bench/import_finess.py, not here)."""
    return read_finess_file(NATIONAL, keep_category=social_categories.__contains__)


def test_all_structureet_lines_are_read(everything):
    result, progress = everything
    assert result.kind == "etalab-establishments"
    assert result.file_date == dt.date(2021, 1, 8)
    assert len(result.establishments) == 95_333
    assert result.rejects == []
    # 1 header + 95 333 structureet + 95 324 geolocalisation lines.
    assert progress[-1] == 190_658
    assert progress == sorted(progress) and len(progress) > 10


def test_only_the_incomplete_overseas_departements_are_warned(everything):
    result, _ = everything
    reasons = collections.Counter(issue.reason for issue in result.warnings)
    assert reasons == {
        "Département « 97 » incomplet, déduit du numéro : 971": 6,
        "Département « 97 » incomplet, déduit du numéro : 974": 18,
        # The same lines declare Lambert-93 for their local UTM coordinates.
        "Coordonnées déclarées en Lambert-93 pour le département 971 : lues en EPSG:5490": 6,
        "Coordonnées déclarées en Lambert-93 pour le département 974 : lues en EPSG:2975": 18,
    }


def test_geolocations(everything):
    result, _ = everything
    records = {record.finess: record for record in result.establishments}
    belley = records["010000032"]  # CH Haut Bugey, Belley
    assert belley.name == "CH HAUT BUGEY"
    assert abs(belley.longitude - 5.69) < 0.02 and abs(belley.latitude - 45.76) < 0.02
    assert (round(belley.longitude, 4), round(belley.latitude, 4)) == (5.6805, 45.7515)
    assert sum(record.latitude is None for record in result.establishments) == 9
    departements = collections.Counter(record.departement_code for record in records.values())
    assert departements["971"] == 601 and departements["974"] == 682
    assert departements["2A"] == 231 and departements["2B"] == 259
    port = records["970462024"]  # Clinique Jeanne d'Arc, Le Port (declared in Lambert-93)
    assert (round(port.longitude, 2), round(port.latitude, 2)) == (55.3, -20.94)


def test_social_and_medico_social_scope(social):
    assert len(social.establishments) == 48_856
    assert social.out_of_scope == 95_333 - 48_856
    assert social.rejects == []
    assert {"500", "182", "246"} <= {e.category_code for e in social.establishments}
