"""The dated calendar of the agreement's annex, from the grappe's project milestones.

Projects sit below agreements (DESIGN.md §2): agreements never import them. An app below
registers a source from its ``AppConfig.ready()``; a source returns the grappe's dated steps,
or ``None`` when it has none (no project opened yet). Pure apart from the sources it calls.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    title: str
    planned: datetime.date
    done: datetime.date | None = None


Source = Callable[[object], "list[Step] | None"]
_SOURCES: dict[str, Source] = {}


def register(key: str, source: Source) -> None:
    """Add (or replace, by ``key``) a source of calendar steps."""
    _SOURCES[key] = source


def registered() -> dict[str, Source]:
    return dict(_SOURCES)


def steps(grappe) -> list[Step] | None:
    """The first registered source's steps, ordered by planned date; ``None`` if none has
    any."""
    for source in _SOURCES.values():
        found = source(grappe)
        if found is not None:
            return sorted(found, key=lambda step: step.planned)
    return None


def as_rows(found: list[Step] | None) -> list[dict] | None:
    """JSON-ready rows stored in a version's context (dates as JJ/MM/AAAA)."""
    if found is None:
        return None
    return [
        {
            "title": step.title,
            "planned": f"{step.planned:%d/%m/%Y}",
            "done": f"{step.done:%d/%m/%Y}" if step.done else "",
        }
        for step in found
    ]
