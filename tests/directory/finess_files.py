"""Small FINESS files (etalab and FINESS+ JSON) written for the import tests, and open
directories built by factories that such files list unchanged."""

import datetime as dt
import json
from pathlib import Path

from mutualis.directory.models import Establishment
from mutualis.finess.numbers import has_valid_key
from mutualis.territories.models import Departement
from tests.factories import EstablishmentFactory, ManagingBodyFactory


def with_key(first_eight: str) -> str:
    """A FINESS number whose ninth character is a valid key."""
    return next(first_eight + d for d in "0123456789" if has_valid_key(first_eight + d))


def structureet(finess: str, ej: str, name: str, category: str = "500", **extra) -> str:
    fields = [""] * 32
    fields[0], fields[1], fields[2], fields[3] = "structureet", finess, ej, name
    fields[12], fields[14] = extra.get("commune", "053"), "AIN"
    fields[13] = extra.get("departement", "01")
    fields[15] = extra.get("town", "01000 BOURG EN BRESSE")
    fields[18], fields[20] = category, "4401"
    fields[28], fields[30] = "2001-01-01", "2020-01-01"
    return ";".join(fields)


def geolocalisation(finess: str, x: float, y: float) -> str:
    source = "1,FINESS,,,EPSG:2154 RGF93 / Lambert-93 (Métropole)"
    return f"geolocalisation;{finess};{x};{y};{source};2020-01-01"


def write_etalab(path: Path, date: str, lines: list[str]) -> Path:
    path.write_text("\r\n".join([f"finess;etalab;0;{date}", *lines]) + "\r\n", encoding="cp1252")
    return path


def open_directory(per_departement: dict[str, int]) -> dict[str, list[Establishment]]:
    """``n`` open EHPADs in each département (COG code → n), without coordinates nor
    commune, as ``etalab_lines`` lists them: a file of these lines changes nothing."""
    built = {}
    for departement, count in per_departement.items():
        region = Departement.objects.get(code=departement).region_id
        body = ManagingBodyFactory(finess=with_key(f"{departement}900000"))
        built[departement] = [
            EstablishmentFactory(
                finess=with_key(f"{departement}0{index:05d}"),
                managing_body=body,
                name=f"EHPAD {departement} {index}",
                departement_id=departement,
                region_id=region,
                commune_id=None,
                latitude=None,
                longitude=None,
                opened_on=dt.date(2001, 1, 1),
                finess_updated_on=dt.date(2020, 1, 1),
            )
            for index in range(count)
        ]
    return built


def etalab_lines(establishments: list[Establishment]) -> list[str]:
    """The etalab lines of ``open_directory``'s establishments, as they are."""
    return [
        structureet(
            e.finess, e.managing_body.finess, e.name, departement=e.departement_id, commune=""
        )
        for e in establishments
    ]


def ege(finess: str, name: str, *, departement: str, closed: str | None = None) -> dict:
    """A FINESS+ site in the shape of ``tests/finess/data/finess-plus-structures-v1.json``;
    ``closed``: "I" (etatObjet only) or a closing date."""
    return {
        "informationsGeneralesEGE": {
            "numFinessEge": finess,
            "nomEgeCourt": name,
            "dateOuverture": "2001-01-01",
            "dateFermeture": "" if closed in (None, "I") else closed,
            "dateDerniereMaj": {"dateEvenement": "2020-01-01"},
        },
        "categorieEntiteGeographiqueExercice": {"code": "500", "system": "TRE-R66"},
        "etatObjet": {"code": "I" if closed else "A", "system": "TRE-R386"},
        "adresse": [
            {
                "cogCommune": f"{departement}053",
                "codePostal": "01000",
                "ligneAcheminement": "BOURG EN BRESSE",
            }
        ],
    }


def write_finess_plus(path: Path, generated_at: str, bodies: dict[str, list[dict]]) -> Path:
    """A FINESS+ "Structures" document: managing body FINESS → its sites (``ege``)."""
    pmej = [
        {
            "informationsGeneralesPmej": {"numFinessPm": ej, "denominationPm": f"OG {ej}"},
            "etatObjet": {"code": "A", "system": "TRE-R386"},
            "ege": sites,
        }
        for ej, sites in bodies.items()
    ]
    path.write_text(json.dumps({"generatedAt": generated_at, "pmej": pmej}), "utf-8")
    return path
