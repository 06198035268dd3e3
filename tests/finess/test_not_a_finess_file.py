"""Files that are not FINESS files are refused as a whole, with one French message."""

import gzip
from pathlib import Path

import pytest

from mutualis.finess.readers import read_finess_file
from mutualis.finess.records import NotAFinessFile

DATA = Path(__file__).parent / "data"
PREFIX = "Ce fichier n'est pas un fichier FINESS reconnu : "
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def refused(path: Path) -> str:
    with pytest.raises(NotAFinessFile) as excinfo:
        read_finess_file(path)
    message = str(excinfo.value)
    assert message.startswith(PREFIX)
    assert "\n" not in message
    return message.removeprefix(PREFIX)


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_random_csv():
    assert refused(DATA / "not-finess.csv") == (
        "la première ligne n'est pas l'en-tête « finess;etalab;… »."
    )


def test_empty_and_blank_files(tmp_path):
    assert refused(write(tmp_path, "empty.csv", b"")) == "le fichier est vide."
    assert refused(write(tmp_path, "blank.csv", b"\r\n  \n")) == "le fichier est vide."


def test_image(tmp_path):
    assert refused(write(tmp_path, "logo.csv", PNG)) == "fichier binaire (ni texte CSV, ni JSON)."


def test_header_without_data(tmp_path):
    path = write(tmp_path, "header.csv", b"finess;etalab;111;2026-05-12\r\n")
    assert refused(path) == "aucune ligne de données après l'en-tête."


def test_unsupported_etalab_file(tmp_path):
    path = write(tmp_path, "cs1100505.csv", b"finess;etalab;1;2026-05-12\nequipementsocial;1;2\n")
    assert refused(path) == "type de ligne « equipementsocial » non pris en charge."


def test_json_without_pmej(tmp_path):
    path = write(tmp_path, "flux.json", b'{"gco": [], "gcc": [], "schemaVersion": "v1"}')
    assert refused(path) == "document JSON sans liste « pmej » (flux FINESS+ Structures)."
    path = write(tmp_path, "array.json", b'[{"pmej": []}]')
    assert refused(path) == "document JSON sans liste « pmej » (flux FINESS+ Structures)."


def test_broken_json(tmp_path):
    assert refused(write(tmp_path, "broken.json", b'{"gco": [}')) == "JSON invalide."
    path = write(tmp_path, "cut.json", b'{"pmej": [{"informationsGeneralesPmej": {"numF')
    assert refused(path) == "JSON invalide ou tronqué après l'entrée « pmej » n° 0."


def test_truncated_gzip(tmp_path):
    whole = gzip.compress((DATA / "etalab-cs1100507-geoloc.csv").read_bytes())
    path = write(tmp_path, "cut.csv.gz", whole[: len(whole) // 2])
    assert refused(path) == "archive gzip illisible ou tronquée."
    assert refused(write(tmp_path, "fake.gz", b"\x1f\x8bnot gzip at all")) == (
        "archive gzip illisible ou tronquée."
    )
