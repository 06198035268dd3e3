"""The levers of a plan with what was voted for each, frozen when the plan opens; pure.

From a workshop: its frozen ranking (``workshops.tally.Tally``): rank and stickers. From a
survey: the share of respondents rating each lever a priority (``analysis.LeverShare``), ranked
by that share; a share kept secret (too few respondents) ranks last, unscored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class PlanLever:
    code: str
    label: str
    rank: int | None
    score: str  # French, e.g. "12 gommettes (30,0 %)"

    @property
    def as_dict(self) -> dict:
        return asdict(self)


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " %"


def from_tally(rows: Iterable) -> list[PlanLever]:
    """Rows of ``LeverScore`` (rank, code, label, points, percent)."""
    return [
        PlanLever(
            row.code,
            row.label,
            row.rank,
            f"{row.points} gommette{'s' if row.points > 1 else ''} ({_percent(row.percent)})",
        )
        for row in rows
    ]


def from_shares(shares: Sequence) -> list[PlanLever]:
    """``LeverShare`` rows (code, label, share: % priority or more, None when secret)."""
    known = sorted((s for s in shares if s.share is not None), key=lambda s: -s.share)
    found, previous, rank = [], None, 0
    for place, share in enumerate(known, start=1):
        if share.share != previous:
            rank, previous = place, share.share
        found.append(
            PlanLever(share.code, share.label, rank, f"{_percent(share.share)} prioritaire")
        )
    for share in shares:
        if share.share is None:
            found.append(PlanLever(share.code, share.label, None, "secret (trop peu de réponses)"))
    return found


def from_json(data: Iterable[dict]) -> list[PlanLever]:
    return [PlanLever(**row) for row in data]
