"""Counting a dot vote; pure, without the ORM (tests and the demo call it directly).

Ranking with ties: levers with equal totals share a rank, the next rank skips as many
places ("1, 2, 2, 4"); equal levers keep the session's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class LeverScore:
    rank: int
    code: str
    label: str
    points: int
    voters: int  # ballots with at least one sticker on the lever
    percent: float  # share of all stickers placed


@dataclass(frozen=True)
class Tally:
    rows: list[LeverScore]
    ballots: int

    @property
    def points(self) -> int:
        return sum(row.points for row in self.rows)

    @property
    def tied_ranks(self) -> set[int]:
        ranks = [row.rank for row in self.rows]
        return {rank for rank in ranks if ranks.count(rank) > 1}

    @property
    def leaders(self) -> list[LeverScore]:
        return [row for row in self.rows if row.rank == 1 and row.points]

    @property
    def bars(self) -> list[tuple[LeverScore, str]]:
        """Each row with its bar length in % of the leading total, as a CSS number."""
        top = max((row.points for row in self.rows), default=0)
        return [(row, f"{100 * row.points / top:.1f}" if top else "0.0") for row in self.rows]

    def as_dict(self) -> dict:
        return {"ballots": self.ballots, "rows": [asdict(row) for row in self.rows]}

    @classmethod
    def from_dict(cls, data: Mapping) -> Tally:
        return cls(
            rows=[LeverScore(**row) for row in data.get("rows", [])],
            ballots=data.get("ballots", 0),
        )


def rank(
    levers: Sequence[tuple[str, str]],
    points: Mapping[str, int],
    voters: Mapping[str, int],
    ballots: int,
) -> Tally:
    """Rank levers ``(code, label)`` by their totals."""
    total = sum(points.get(code, 0) for code, _ in levers)
    order = sorted(range(len(levers)), key=lambda index: (-points.get(levers[index][0], 0), index))
    rows: list[LeverScore] = []
    for place, index in enumerate(order, start=1):
        code, label = levers[index]
        value = points.get(code, 0)
        shared = rows and rows[-1].points == value
        rows.append(
            LeverScore(
                rank=rows[-1].rank if shared else place,
                code=code,
                label=label,
                points=value,
                voters=voters.get(code, 0),
                percent=round(100 * value / total, 1) if total else 0.0,
            )
        )
    return Tally(rows=rows, ballots=ballots)


def tally(levers: Sequence[tuple[str, str]], ballots: Iterable[Mapping[str, int]]) -> Tally:
    """Count ballots (stickers per lever code); empty ballots are not counted."""
    points: dict[str, int] = {}
    voters: dict[str, int] = {}
    counted = 0
    for ballot in ballots:
        placed = {code: value for code, value in ballot.items() if value}
        if not placed:
            continue
        counted += 1
        for code, value in placed.items():
            points[code] = points.get(code, 0) + value
            voters[code] = voters.get(code, 0) + 1
    return rank(levers, points, voters, counted)
