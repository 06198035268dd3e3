"""Load the cooperation referential shipped in data/; a row edited in the admin is never
overwritten."""

from __future__ import annotations

from pathlib import Path

from mutualis.core.reference_data import read_rows
from mutualis.library.models import CooperationTag

DATA = Path(__file__).resolve().parent / "data" / "cooperation-tags.csv"


def load_cooperation_tags() -> int:
    """Create the missing tags; return how many were created."""
    created = 0
    for row in read_rows(DATA):
        code = row.pop("code")
        _, new = CooperationTag.objects.get_or_create(
            code=code, defaults={**row, "position": int(row["position"])}
        )
        created += new
    return created
