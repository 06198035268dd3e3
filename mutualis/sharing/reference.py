"""Load the shipped vehicles and skills (data/*.csv); a row edited in the admin is never
overwritten."""

from __future__ import annotations

from pathlib import Path

from mutualis.core.reference_data import read_rows
from mutualis.sharing.models import Skill, Vehicle

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_vehicles() -> int:
    """Create the missing legal vehicles; return how many were created."""
    return sum(
        Vehicle.objects.get_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "legal_basis": row["legal_basis"],
                "source_url": row["source_url"],
                "description": row["description"],
                "position": int(row["position"]),
            },
        )[1]
        for row in read_rows(DATA_DIR / "vehicles.csv")
    )


def load_skills() -> int:
    """Create the missing skills; return how many were created."""
    return sum(
        Skill.objects.get_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "kind": row["kind"],
                "position": int(row["position"]),
            },
        )[1]
        for row in read_rows(DATA_DIR / "skills.csv")
    )
