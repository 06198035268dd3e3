"""Reference data of the directory: DUI editors and solutions with their Ségur referencing
(``data/solutions.csv``, see ``data/README.md``), loaded idempotently."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from mutualis.core.reference_data import read_rows
from mutualis.directory.models import Editor, SegurStatus, Solution

DATA_DIR = Path(__file__).resolve().parent / "data"
SEGUR_FIELDS = (
    "segur_status",
    "segur_couloir",
    "segur_version",
    "segur_checked_on",
    "segur_source",
)


@dataclass(frozen=True)
class SolutionLoad:
    created: int = 0
    updated: int = 0  # a newer Ségur check in the file
    kept: int = 0  # already there, unchanged (admin edits are kept)

    def __str__(self) -> str:
        return f"{self.created} créée(s), {self.updated} mise(s) à jour, {self.kept} inchangée(s)"


def _segur(row: dict[str, str], line: int) -> dict:
    status = row["segur_status"]
    if status not in SegurStatus.values:
        raise ValueError(f"solutions.csv, ligne {line} : statut Ségur inconnu « {status} ».")
    checked = row["segur_checked_on"]
    if status != SegurStatus.UNVERIFIED and not (checked and row["segur_source"]):
        raise ValueError(
            f"solutions.csv, ligne {line} : un statut vérifié demande la date et la source."
        )
    return {
        "segur_status": status,
        "segur_couloir": row["segur_couloir"],
        "segur_version": row["segur_version"],
        "segur_checked_on": datetime.date.fromisoformat(checked) if checked else None,
        "segur_source": row["segur_source"],
    }


def _is_newer(check: datetime.date | None, stored: datetime.date | None) -> bool:
    return check is not None and (stored is None or check > stored)


@transaction.atomic
def load_solutions(path: Path = DATA_DIR / "solutions.csv") -> SolutionLoad:
    """Create the missing editors and solutions; update a solution's Ségur fields only from
    a newer check than the stored one."""
    created = updated = kept = 0
    for line, row in enumerate(read_rows(path), start=1):
        segur = _segur(row, line)
        editor, _ = Editor.objects.get_or_create(
            name=row["editor"], defaults={"website": row["website"]}
        )
        solution, was_created = Solution.objects.get_or_create(
            editor=editor, name=row["solution"], defaults=segur
        )
        if was_created:
            created += 1
        elif _is_newer(segur["segur_checked_on"], solution.segur_checked_on):
            for name, value in segur.items():
                setattr(solution, name, value)
            solution.full_clean()
            solution.save(update_fields=SEGUR_FIELDS)
            updated += 1
        else:
            kept += 1
    return SolutionLoad(created, updated, kept)
