"""Load the shipped levers (data/levers.csv); a lever edited in the admin is never overwritten."""

from __future__ import annotations

from pathlib import Path

from mutualis.core.reference_data import read_rows
from mutualis.workshops.models import Lever

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_levers() -> int:
    """Create the missing levers; return how many were created."""
    return sum(
        Lever.objects.get_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "description": row["description"],
                "position": int(row["position"]),
            },
        )[1]
        for row in read_rows(DATA_DIR / "levers.csv")
    )
