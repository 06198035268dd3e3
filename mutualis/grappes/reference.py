"""Load the shipped programme rules and read the sources they cite (data/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mutualis.core.reference_data import read_rows
from mutualis.grappes.models import ProgrammeRule, Reliability

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_programme_rules() -> int:
    """Create the shipped rules that do not exist yet; never overwrite an edited rule."""
    created = 0
    for row in read_rows(DATA_DIR / "programme-rules.csv"):
        _, was_created = ProgrammeRule.objects.get_or_create(
            programme=row["programme"],
            key=row["key"],
            valid_from=int(row["valid_from"]),
            defaults={
                "valid_to": int(row["valid_to"]) if row["valid_to"] else None,
                "value": row["value"],
                "unit": row["unit"],
                "label": row["label"],
                "source": row["source"],
                "reliability": row["reliability"],
            },
        )
        created += was_created
    return created


@cache
def sources() -> dict[str, tuple[str, str, str]]:
    """Source code -> (title, url, reliability label)."""
    labels = dict(Reliability.choices)
    return {
        row["code"]: (row["title"], row["url"], labels.get(row["reliability"], row["reliability"]))
        for row in read_rows(DATA_DIR / "sources.csv")
    }
