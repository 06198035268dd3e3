"""Reference data of the directory: DUI editors and solutions (idempotent)."""

import csv
from pathlib import Path

from django.db import transaction

from mutualis.directory.models import Editor, Solution

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_solutions() -> int:
    with open(DATA_DIR / "solutions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter=";"))
    for row in rows:
        editor, _ = Editor.objects.get_or_create(
            name=row["editor"], defaults={"website": row["website"]}
        )
        Solution.objects.get_or_create(editor=editor, name=row["solution"])
    return len(rows)
