"""Load the cooperation referential shipped in data/; a row edited in the admin is never
overwritten."""

from __future__ import annotations

import csv
from pathlib import Path

from mutualis.library.models import CooperationTag

DATA = Path(__file__).resolve().parent / "data" / "cooperation-tags.csv"


def load_cooperation_tags() -> int:
    """Create the missing tags; return how many were created."""
    with open(DATA, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter=";"))
    created = 0
    for row in rows:
        code = row.pop("code")
        _, new = CooperationTag.objects.get_or_create(
            code=code, defaults={**row, "position": int(row["position"])}
        )
        created += new
    return created
