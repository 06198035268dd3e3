"""Load the shipped typology and SI domains (data/); an edited row is never overwritten."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from mutualis.initiatives.models import InitiativeType, SiDomain

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        yield from csv.DictReader((line for line in f if not line.startswith("#")), delimiter=";")


def load_initiative_types() -> dict[str, int]:
    types = sum(
        InitiativeType.objects.get_or_create(
            code=row.pop("code"), defaults={**row, "position": int(row["position"])}
        )[1]
        for row in _rows("initiative-types.csv")
    )
    domains = sum(
        SiDomain.objects.get_or_create(
            code=row["code"], defaults={"label": row["label"], "position": int(row["position"])}
        )[1]
        for row in _rows("si-domains.csv")
    )
    return {"types d'initiative": types, "domaines du SI": domains}
