"""FINESS+ "Structures" documents with groupings, built from the reader's fixture.

Members are named by internal ids that differ from their FINESS numbers, as in the ANS
example of 2026-03-09, so that the reader has to resolve them."""

import copy
import json
from pathlib import Path

from tests.directory.finess_files import with_key

FIXTURE = Path(__file__).resolve().parents[1] / "finess" / "data" / "finess-plus-structures-v1.json"
GCSMS_FINESS = with_key("69000080")


def _set_id(pmej: dict, pm_id: str) -> None:
    pmej["informationsGeneralesPmej"]["pm_smsseId"] = pm_id


def structures(*, groupings: bool = True) -> dict:
    """The fixture; with ``groupings``, a GCSMS (gco) and two contractual groupings (gcc)."""
    doc = json.loads(FIXTURE.read_text("utf-8"))
    rhone, dissolved, _, messo = doc["pmej"]
    _set_id(rhone, "101")
    _set_id(dissolved, "102")
    _set_id(messo, "104")
    rhone["ege"][0]["informationsGeneralesEGE"]["egeId"] = "201"
    if not groupings:
        return doc
    gcsms = copy.deepcopy(rhone)
    info = gcsms["informationsGeneralesPmej"]
    info.update(
        pm_smsseId="7001",
        numFinessPm=GCSMS_FINESS,
        denominationPm="GCSMS DES TILLEULS",
        denominationLonguePmSmsse="GROUPEMENT DE COOPÉRATION DES TILLEULS",
    )
    info["statutJuridique"]["code"] = "66"
    info["typeGroupeGco"]["code"] = "03"
    gcsms["ege"] = []
    doc["pmej"].append(gcsms)
    doc["gco"] = [
        {
            "pm_smsseId": "7001",
            "typeGCO": "03",
            "pmejDuGco": [
                {"pm_smsseId": "101", "typeRoleEntiteGroupe": "01"},
                {"pm_smsseId": "104", "typeRoleEntiteGroupe": "02"},
                {"pm_smsseId": "999", "typeRoleEntiteGroupe": "02"},
            ],
            "egeDuGco": [{"egeId": "201", "typeRoleEntiteGroupe": "03"}],
        },
        # The dissolved association as a grouping: closed, so skipped.
        {"pm_smsseId": "102", "typeGCO": "03", "pmejDuGco": [{"pm_smsseId": "101"}]},
    ]
    doc["gcc"] = [
        {
            "gccId": "55",
            "nomGcc": "RÉSEAU DES TILLEULS",
            "typeGcc": "02",
            "etatActif": "true",
            "pmejDuGcc": [{"pm_smsseId": "101", "typeRoleEntiteGroupe": {"code": "01"}}],
            "egeDuGCC": [{"egeId": "690000039", "typeRoleEntiteGroupe": "03"}],
        },
        {"gccId": "56", "nomGcc": "ANCIEN RÉSEAU", "etatActif": "false", "pmejDuGcc": []},
    ]
    return doc


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path
