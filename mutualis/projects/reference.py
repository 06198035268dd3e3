"""The programme's usage-target indicators, shipped in ``data/usage-indicators.csv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet

from mutualis.core.reference_data import read_rows
from mutualis.projects.models import UsageIndicator

VERSION = re.compile(r"\bversion (\d{4}\.\d+)")
DATA_FILE = Path(__file__).resolve().parent / "data" / "usage-indicators.csv"


def file_version(path: Path = DATA_FILE) -> str:
    """The version named in the file's header ("version 2026.2")."""
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if not line.startswith("#"):
                break
            found = VERSION.search(line)
            if found:
                return found.group(1)
    return ""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


@transaction.atomic
def load_usage_indicators(path: Path = DATA_FILE) -> LoadResult:
    """Create the missing indicators and update those of an older version; a second run
    changes nothing."""
    version = file_version(path)
    existing = {item.code: item for item in UsageIndicator.objects.select_for_update()}
    created = updated = 0
    for row in read_rows(path):
        values = {
            "label": row["label"],
            "unit": row["unit"],
            "domain": row["domain"],
            "periodicity": row["periodicity"],
            "definition": row["definition"],
            "source": row["source"],
            "reliability": row["reliability"],
            "position": int(row["position"]),
            "active": row["active"] == "1",
            "version": version,
        }
        item = existing.get(row["code"])
        if item is None:
            UsageIndicator.objects.create(code=row["code"], **values)
            created += 1
        elif item.version != version:
            for name, value in values.items():
                setattr(item, name, value)
            item.save()
            updated += 1
    return LoadResult(created, updated)


def usage_indicators() -> QuerySet[UsageIndicator]:
    """The indicators proposed to a new project (loaded from the file on first use)."""
    if not UsageIndicator.objects.exists():
        load_usage_indicators()
    return UsageIndicator.objects.filter(active=True)
