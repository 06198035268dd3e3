"""Load the shipped levers (data/levers.csv); a lever edited in the admin is never overwritten."""

from __future__ import annotations

import csv
from pathlib import Path

from mutualis.workshops.models import Lever

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_levers() -> int:
    """Create the missing levers; return how many were created."""
    with open(DATA_DIR / "levers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter=";"))
    return sum(
        Lever.objects.get_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "description": row["description"],
                "position": int(row["position"]),
            },
        )[1]
        for row in rows
    )
