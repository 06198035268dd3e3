"""Load the Code officiel géographique shipped in ``territories/data`` (idempotent)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from django.db import transaction

from mutualis.territories.models import Commune, Departement, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMUNE_TYPES = {"commune-actuelle", "arrondissement-municipal"}


def _read(name: str) -> list[dict]:
    path = DATA_DIR / name
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@transaction.atomic
def load_territories() -> dict[str, int]:
    """Upsert régions, départements and communes; return the counts loaded."""
    regions = [Region(code=r["code"], name=r["nom"], zone=r["zone"]) for r in _read("regions.json")]
    Region.objects.bulk_create(
        regions, update_conflicts=True, unique_fields=["code"], update_fields=["name", "zone"]
    )
    departements = [
        Departement(code=d["code"], name=d["nom"], region_id=d["region"])
        for d in _read("departements.json")
    ]
    Departement.objects.bulk_create(
        departements,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "region"],
    )
    known = {d.code for d in departements}
    communes = [
        Commune(
            code=c["code"],
            name=c["nom"],
            departement_id=c["departement"],
            postal_codes=" ".join(c.get("codesPostaux", [])),
            population=c.get("population"),
        )
        for c in _read("communes.json.gz")
        if c["type"] in COMMUNE_TYPES and c.get("departement") in known
    ]
    Commune.objects.bulk_create(
        communes,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "departement", "postal_codes", "population"],
    )
    return {"régions": len(regions), "départements": len(departements), "communes": len(communes)}
