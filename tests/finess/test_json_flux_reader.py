"""Reading the FINESS+ JSON flux "Structures" (streamed with ijson)."""

import copy
import datetime as dt
import gzip
import json
import tracemalloc
from pathlib import Path

import jsonschema
import pytest

from mutualis.finess.limits import ReadLimits
from mutualis.finess.numbers import has_valid_key
from mutualis.finess.readers import read_finess_file

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "finess-plus-structures-v1.json"
SCHEMA = DATA / "schema-structures-v1.json"  # ANS, GitHub ansforge/finess, MIT licence
CODING = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "system": {"type": "string"}},
    "required": ["code"],
}


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    # The published v1 schema points to definitions it does not contain (the ege part):
    # supply permissive ones so that the rest of the schema can be checked.
    missing = {
        "informationsGeneralesEGE": {
            "type": "object",
            "properties": {
                "numFinessEge": {"type": "string", "pattern": "^[A-Za-z0-9]{9}$"},
                "nomEgeCourt": {"type": "string"},
                "nomEgeLong": {"type": "string"},
                "dateOuverture": {"type": "string"},
            },
            "required": ["numFinessEge", "nomEgeCourt"],
        },
        "codingEtatObjet": CODING,
        "codingCategorieExercice": CODING,
        "codingModeFixationTarifaire": CODING,
        "codingTypeBudget": CODING,
        "codingRoleEGE": {"type": "object"},
    }
    for name, definition in missing.items():
        schema["definitions"].setdefault(name, definition)
    return jsonschema.Draft202012Validator(schema)


def with_key(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if has_valid_key(prefix + d))


def by_finess(records):
    return {record.finess: record for record in records}


def test_fixture_is_valid_against_the_schema(validator):
    validator.validate(json.loads(FIXTURE.read_text("utf-8")))


def test_records_from_the_v1_shape():
    result = read_finess_file(FIXTURE)
    assert result.kind == "finess-plus-json"
    assert result.file_date is None  # the v1 schema carries no file date
    assert [(r.line, r.finess) for r in result.establishments] == [
        (1, "690000021"),
        (1, "690000039"),
        (1, "690000054"),
        (4, "980501507"),
    ]
    ehpad = result.establishments[0]
    assert ehpad.managing_body_finess == "690000013"
    assert (ehpad.name, ehpad.long_name) == ("EHPAD LES TILLEULS", "EHPAD LES TILLEULS DE LYON")
    assert (ehpad.street_number, ehpad.street_type, ehpad.street_name) == (
        "12",
        "R",
        "DES TILLEULS",
    )
    assert (ehpad.commune_code, ehpad.departement_code) == ("69383", "69")
    assert (ehpad.postal_code, ehpad.city) == ("69003", "LYON")
    assert (ehpad.category_code, ehpad.tariff_mode_code) == ("500", "40")
    assert (ehpad.phone, ehpad.siret) == ("0478000000", "12345678200011")
    assert ehpad.opened_on == dt.date(2005, 3, 1)
    assert ehpad.updated_on == dt.date(2025, 10, 21)
    assert (ehpad.latitude, ehpad.longitude, ehpad.geo_source) == (45.7578, 4.832, "FINESS+ WGS84")


def test_lambert93_fallback_with_swapped_axes():
    sessad = by_finess(read_finess_file(FIXTURE).establishments)["690000039"]
    assert (round(sessad.longitude, 4), round(sessad.latitude, 4)) == (4.8271, 45.7648)
    assert sessad.geo_source == "FINESS+ EPSG:2154"


def test_managing_bodies_closed_and_invalid_entries():
    result = read_finess_file(FIXTURE)
    bodies = by_finess(result.managing_bodies)
    assert list(bodies) == ["690000013", "980501498"]
    rhone = bodies["690000013"]
    assert rhone.name == "ASSOCIATION DU RHÔNE"
    assert (rhone.siren, rhone.legal_status_code, rhone.street) == (
        "123456782",
        "60",
        "3 PL BELLECOUR",
    )
    assert (rhone.commune_code, rhone.postal_code, rhone.city) == ("69382", "69002", "LYON")
    assert rhone.updated_on == dt.date(2024, 6, 30)
    assert bodies["980501498"].departement_code == "976"
    assert result.closed == 3  # one closed site, one closed entity with its closed site
    assert [(i.line, i.finess, i.reason) for i in result.rejects] == [
        (3, "", "Numéro FINESS juridique invalide : « ABCDEFGHI » (1 établissement(s) ignoré(s))")
    ]
    assert [(i.line, i.finess, i.reason) for i in result.warnings] == [
        (4, "980501507", "Clé de contrôle FINESS incorrecte : 980501507")
    ]


def test_keep_category():
    result = read_finess_file(FIXTURE, keep_category=lambda code: code in {"500", "182", "462"})
    assert [r.finess for r in result.establishments] == ["690000021", "690000039", "980501507"]
    # The clinic (365), and the closed sites (252, 460): scope is checked before closure.
    assert (result.out_of_scope, result.closed) == (3, 0)
    nothing = read_finess_file(FIXTURE, keep_category=lambda code: False)
    assert nothing.establishments == [] and nothing.managing_bodies == []
    assert nothing.out_of_scope == 6


def test_shape_of_the_ans_2026_example(tmp_path):
    """Plain-string codes, upper-case PMEJ key, generatedAt, pmej after gcc/gco."""
    doc = {
        "schemaVersion": "v1.0.0",
        "generatedAt": "2026-03-09T15:49:37.615611300Z",
        "gcc": [{"gccId": "1", "nomGcc": "Grappe", "pmejDuGcc": [{"pmSmsseId": "2"}]}],
        "gco": [{"pmSmsseId": "403", "typeGco": "003", "pmejDuGco": [], "egeDuGco": []}],
        "pmej": [
            {
                "informationsGeneralesPMEJ": {
                    "pmSmsseId": "2",
                    "denominationPm": "CLINIQUE CONVERT ",
                    "numFinessPm": "010000156",
                    "siren": "772201489",
                    "statutJuridique": "73",
                },
                "adresse": [{"cogCommune": "01053", "codePostal": "01000"}],
                "ege": [
                    {
                        "informationsGeneralesEGE": {
                            "numFinessEge": "010780195",
                            "nomEgeCourt": "CLINIQUE CONVERT",
                            "dateOuverture": "1956-11-16",
                            "datePremiereAutorisation": "16/11/1956",
                        },
                        "categorieentiteGeographiqueExercice": "365",
                        "modefixationtarifaire": "07",
                        "adresse": [
                            {
                                "cogCommune": "01053",
                                "codePostal": "01000",
                                "ligneAcheminement": "BOURG EN BRESSE",
                                "coordonneesGeographique": {
                                    "coordonneeX": "6570414.61",
                                    "coordonneeY": "873766.07",
                                    "directionLatitude": "46.211257",
                                    "directionLongitude": "5.254203",
                                },
                            }
                        ],
                        "etatObjet": "A",
                        "dateDerniereMaj": "2021-10-18 00:00:00",
                    }
                ],
                "etatObjet": "A",
                "dateDerniereMaj": "2021-10-18 00:00:00",
            }
        ],
    }
    path = tmp_path / "finess-structures-journalier.json"
    path.write_text(json.dumps(doc), "utf-8")
    result = read_finess_file(path)
    assert result.file_date == dt.date(2026, 3, 9)
    (clinic,) = result.establishments
    assert (clinic.finess, clinic.category_code, clinic.tariff_mode_code) == (
        "010780195",
        "365",
        "07",
    )
    assert (clinic.latitude, clinic.longitude) == (46.211257, 5.254203)
    assert (clinic.city, clinic.updated_on) == ("BOURG EN BRESSE", dt.date(2021, 10, 18))
    assert (clinic.opened_on, clinic.authorized_on) == (dt.date(1956, 11, 16), None)
    assert [(i.line, i.finess, i.reason) for i in result.warnings] == [
        (1, "010780195", "Date d'autorisation illisible : « 16/11/1956 », ignorée")
    ]
    (body,) = result.managing_bodies
    assert (body.name, body.legal_status_code, body.siren) == (
        "CLINIQUE CONVERT",
        "73",
        "772201489",
    )
    # Without degrees, the swapped Lambert-93 pair gives the same place (about 1 m apart).
    geo = doc["pmej"][0]["ege"][0]["adresse"][0]["coordonneesGeographique"]
    geo["directionLatitude"] = geo["directionLongitude"] = ""
    path.write_text(json.dumps(doc), "utf-8")
    clinic = read_finess_file(path).establishments[0]
    assert (round(clinic.latitude, 4), round(clinic.longitude, 4)) == (46.2113, 5.2542)


def large_document(count: int) -> dict:
    """``count`` copies of the first legal person, each with one site and a bulky,
    ignored ``engagement`` text (10 kB), so that the file is big but the records small."""
    template = json.loads(FIXTURE.read_text("utf-8"))["pmej"][0]
    template["ege"] = template["ege"][:1]
    template["engagement"] = [{"engagementId": "1", "nomEngagement": "ENGAGEMENT " * 900}]
    doc = {"pmej": [], "gco": {}, "gcc": {}}
    for index in range(count):
        pmej = copy.deepcopy(template)
        pmej["informationsGeneralesPmej"]["numFinessPm"] = with_key(f"68{index:06d}")
        pmej["ege"][0]["informationsGeneralesEGE"]["numFinessEge"] = with_key(f"69{index:06d}")
        doc["pmej"].append(pmej)
    return doc


def test_large_document_is_streamed(tmp_path, validator, monkeypatch):
    doc = large_document(1500)
    validator.validate(doc)
    path = tmp_path / "flux.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False)
    raw_size = len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    del doc

    def forbidden(*args, **kwargs):
        raise AssertionError("the JSON flux must be streamed, not loaded")

    monkeypatch.setattr(json, "load", forbidden)
    monkeypatch.setattr(json, "loads", forbidden)
    seen = []
    tracemalloc.start()
    try:
        # Identical synthetic entries compress 120 times: above the default gzip ratio.
        limits = ReadLimits(max_gzip_ratio=1000)
        result = read_finess_file(path, progress=seen.append, limits=limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(result.establishments) == 1500 and len(result.managing_bodies) == 1500
    assert result.establishments[-1].finess == with_key("69001499")
    assert result.rejects == [] and result.warnings == []
    assert seen == [1000, 1500]
    # Loading the whole document would take several times its size; streaming keeps the
    # peak below the size of the JSON text itself (records included).
    assert raw_size > 10_000_000
    assert peak < raw_size / 2
