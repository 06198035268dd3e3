"""Voting rules as strategy objects (DESIGN.md §4 "Dot voting"); pure, without the ORM.

A ballot arrives as the stickers a participant placed: ``(lever code, stickers)`` pairs, in
the order of the form. A rule checks them against the session's levers and returns the
stickers per lever, or raises ``InvalidBallot`` with messages in French.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Placement = tuple[str, int]


class InvalidBallot(ValueError):
    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Choice:
    """One select of a ranked ballot: how many stickers it places, and its French label."""

    points: int
    label: str


def _known(placements: Sequence[Placement], levers: Sequence[str]) -> list[str]:
    unknown = sorted({code for code, _ in placements if code not in levers})
    return [f"Levier inconnu : {', '.join(unknown)}."] if unknown else []


def _integers(placements: Sequence[Placement]) -> list[str]:
    if any(not isinstance(points, int) or isinstance(points, bool) for _, points in placements):
        return ["Le nombre de gommettes doit être un nombre entier."]
    if any(points < 0 for _, points in placements):
        return ["Le nombre de gommettes ne peut pas être négatif."]
    return []


def _totals(placements: Sequence[Placement]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for code, points in placements:
        if points:
            totals[code] = totals.get(code, 0) + points
    return totals


class VotingRule:
    code = ""
    label = ""

    def check(self, placements: Sequence[Placement], levers: Sequence[str]) -> dict[str, int]:
        """The stickers per lever of a valid ballot (levers without stickers left out)."""
        errors = _known(placements, levers) or _integers(placements)
        if not errors:
            errors = self.errors(placements, levers)
        if errors:
            raise InvalidBallot(errors)
        return _totals(placements)

    def errors(self, placements: Sequence[Placement], levers: Sequence[str]) -> list[str]:
        raise NotImplementedError

    def feasible(self, lever_count: int) -> str | None:
        """Why the rule cannot be used with that many levers, or None."""
        return None if lever_count >= 2 else "Proposez au moins deux leviers."

    @property
    def instructions(self) -> str:
        raise NotImplementedError


class RankedStickers(VotingRule):
    """The rule of the workshop of 14 October 2022 (seed 000): 6 stickers, 3 on the top
    priority, 2 on a very priority lever, 1 on a priority lever: three distinct levers."""

    code = "ranked"
    label = "Gommettes classées 3 / 2 / 1"
    choices = (
        Choice(3, "Le plus prioritaire (3 gommettes)"),
        Choice(2, "Très prioritaire (2 gommettes)"),
        Choice(1, "Prioritaire (1 gommette)"),
    )

    @property
    def stickers(self) -> int:
        return sum(choice.points for choice in self.choices)

    def errors(self, placements, levers):
        placed = [(code, points) for code, points in placements if points]
        expected = sorted(choice.points for choice in self.choices)
        errors = []
        if sorted(points for _, points in placed) != expected:
            missing = [c.label for c in self.choices if c.points not in {p for _, p in placed}]
            if missing and len(placed) < len(self.choices):
                errors.append("Choisissez un levier pour : " + ", ".join(missing) + ".")
            else:
                errors.append(
                    f"Placez exactement vos {self.stickers} gommettes : 3 sur le levier le "
                    "plus prioritaire, 2 sur un levier très prioritaire, 1 sur un levier "
                    "prioritaire."
                )
        if len({code for code, _ in placed}) < len(placed):
            errors.append("Choisissez trois leviers différents.")
        return errors

    def feasible(self, lever_count):
        return None if lever_count >= 3 else "Cette règle demande au moins trois leviers."

    @property
    def instructions(self) -> str:
        return (
            "Vous disposez de 6 gommettes : 3 sur le levier le plus prioritaire, 2 sur un "
            "levier très prioritaire, 1 sur un levier prioritaire, trois leviers différents."
        )


class StackableDots(VotingRule):
    """N dots to spread over the levers, several on the same lever if one wishes."""

    code = "dots"
    label = "Gommettes cumulables"

    def __init__(self, dots: int = 6):
        if dots < 1:
            raise ValueError("dots must be positive")
        self.dots = dots

    def errors(self, placements, levers):
        used = sum(points for _, points in placements)
        if used == 0:
            return ["Placez au moins une gommette."]
        if used > self.dots:
            return [f"Vous avez placé {used} gommettes : vous n'en disposez que de {self.dots}."]
        return []

    @property
    def instructions(self) -> str:
        return (
            f"Vous disposez de {self.dots} gommettes à répartir entre les leviers : vous "
            "pouvez en placer plusieurs sur le même levier."
        )


class Approval(VotingRule):
    """One sticker on every lever the participant approves."""

    code = "approval"
    label = "Vote par approbation"

    def errors(self, placements, levers):
        placed = [(code, points) for code, points in placements if points]
        if not placed:
            return ["Approuvez au moins un levier."]
        errors = []
        if any(points != 1 for _, points in placed):
            errors.append("Une seule gommette par levier approuvé.")
        if len({code for code, _ in placed}) < len(placed):
            errors.append("Chaque levier ne peut être approuvé qu'une fois.")
        return errors

    @property
    def instructions(self) -> str:
        return "Cochez tous les leviers que vous jugez prioritaires (une gommette chacun)."


def rule_for(code: str, dots: int = 6) -> VotingRule:
    if code == RankedStickers.code:
        return RankedStickers()
    if code == StackableDots.code:
        return StackableDots(dots)
    if code == Approval.code:
        return Approval()
    raise ValueError(f"unknown voting rule: {code}")
