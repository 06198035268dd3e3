"""The review of a plan: planned against done, per lever and overall; pure."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TODO, DOING, DONE, DROPPED = "todo", "doing", "done", "dropped"


@dataclass(frozen=True)
class ActionFacts:
    lever_code: str
    status: str
    progress: int
    due_on: datetime.date
    title: str = ""


@dataclass
class LeverReview:
    code: str
    label: str
    planned: int = 0
    done: int = 0
    dropped: int = 0
    running: int = 0
    late: list[str] = field(default_factory=list)
    _progress: list[int] = field(default_factory=list, repr=False)

    @property
    def progress(self) -> float | None:
        """Mean progress of the actions not dropped, in %."""
        if not self._progress:
            return None
        return round(sum(self._progress) / len(self._progress), 1)

    @property
    def done_rate(self) -> float | None:
        kept = self.planned - self.dropped
        return round(100 * self.done / kept, 1) if kept else None


def review(
    levers: Sequence[tuple[str, str]], actions: Iterable[ActionFacts], today: datetime.date
) -> tuple[list[LeverReview], LeverReview]:
    """One review per lever (in the plan's order; actions without a lever under "—"), and the
    total."""
    rows = {code: LeverReview(code, label) for code, label in levers}
    total = LeverReview("", "Ensemble du plan")
    for action in actions:
        row = rows.setdefault(action.lever_code, LeverReview(action.lever_code, "Sans levier"))
        for target in (row, total):
            target.planned += 1
            if action.status == DONE:
                target.done += 1
            elif action.status == DROPPED:
                target.dropped += 1
            else:
                target.running += 1
                if action.due_on < today:
                    target.late.append(action.title)
            if action.status != DROPPED:
                target._progress.append(action.progress)
    return list(rows.values()), total
