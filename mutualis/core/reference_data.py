"""Reading the reference data each app ships in its data/ folder."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a ``;``-separated CSV whose leading ``#`` lines name its source and licence
    (UTF-8, with or without a byte-order mark)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader((line for line in f if not line.startswith("#")), delimiter=";")
