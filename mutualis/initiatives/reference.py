"""Load the shipped typology and SI domains (data/); an edited row is never overwritten."""

from __future__ import annotations

from pathlib import Path

from mutualis.core.reference_data import read_rows
from mutualis.initiatives.models import InitiativeType, SiDomain

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_initiative_types() -> dict[str, int]:
    types = sum(
        InitiativeType.objects.get_or_create(
            code=row.pop("code"), defaults={**row, "position": int(row["position"])}
        )[1]
        for row in read_rows(DATA_DIR / "initiative-types.csv")
    )
    domains = sum(
        SiDomain.objects.get_or_create(
            code=row["code"], defaults={"label": row["label"], "position": int(row["position"])}
        )[1]
        for row in read_rows(DATA_DIR / "si-domains.csv")
    )
    return {"types d'initiative": types, "domaines du SI": domains}
