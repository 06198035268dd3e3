"""Reading the etalab legal-entity extract (cs1100501, ``structureej`` lines).

The fixture is written by hand in the assumed 23-field layout (see the docstring of
``mutualis.finess.etalab``), in Windows-1252 with CRLF line ends.
"""

import datetime as dt
from pathlib import Path

from mutualis.finess.readers import read_finess_file

FIXTURE = Path(__file__).parent / "data" / "etalab-cs1100501-extrait.csv"


def test_kind_date_and_records():
    result = read_finess_file(FIXTURE)
    assert result.kind == "etalab-legal-entities"
    assert result.file_date == dt.date(2026, 5, 12)
    assert result.establishments == []
    assert [(b.line, b.finess) for b in result.managing_bodies] == [
        (2, "2A0000105"),
        (3, "750000010"),
        (4, "973000011"),
        (5, "690000013"),
        (7, "130000011"),
        (8, "750000011"),
    ]


def test_corsican_entity_with_accents():
    body = read_finess_file(FIXTURE).managing_bodies[0]
    assert body.name == "ASSOCIATION LES GENÊTS"
    assert body.long_name == "ASSOCIATION LES GENÊTS D'AJACCIO"
    assert body.siren == "123456782"
    assert body.legal_status_code == "60"
    assert body.street == "12 B BD PAOLI"
    assert (body.commune_code, body.departement_code) == ("2A004", "2A")
    assert (body.postal_code, body.city) == ("20000", "AJACCIO")
    assert body.updated_on is None  # the layout has no update date


def test_overseas_cedex_and_locality_only_addresses():
    bodies = {b.finess: b for b in read_finess_file(FIXTURE).managing_bodies}
    cayenne = bodies["973000011"]
    assert (cayenne.departement_code, cayenne.commune_code) == ("973", "97302")
    assert cayenne.street == "1 R DU LIEUTENANT BECKER"
    assert cayenne.siren == "269730026"
    paris = bodies["750000010"]
    assert paris.name == "FONDATION SAINT-ÉLOI"
    assert paris.street == "BP 12"
    assert (paris.postal_code, paris.city) == ("75014", "PARIS CEDEX 14")
    assert bodies["690000013"].name == "ASSOCIATION DU RHÔNE"  # 24 fields, last one empty


def test_rejects_and_warnings():
    result = read_finess_file(FIXTURE)
    assert [(i.line, i.finess, i.reason) for i in result.rejects] == [
        (6, "690000021", "22 champs au lieu de 23"),
        (9, "", "Type de ligne inattendu : « structureet »"),
    ]
    assert [(i.line, i.finess, i.reason) for i in result.warnings] == [
        (7, "130000011", "SIREN invalide : « 12345 », ignoré"),
        (8, "750000011", "Clé de contrôle FINESS incorrecte : 750000011"),
    ]
    bodies = {b.finess: b for b in result.managing_bodies}
    assert bodies["130000011"].siren == ""
