"""Maturity scores, as pure functions of the referential's structure and the answers.

Scale 0–4 throughout. A dimension scores the mean of its answered indicators; the global
score is the mean of the answered dimensions (each dimension weighs the same); the "socle"
score is the mean of the answered core indicators. Unanswered indicators are listed and
never counted as 0. The global level is the palier reached: the integer part of the score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import mean


@dataclass(frozen=True)
class IndicatorRef:
    code: str
    dimension: str
    is_socle: bool = False


@dataclass
class Score:
    dimension_scores: dict[str, float | None]
    global_score: float | None
    socle_score: float | None
    answered: int
    unanswered: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.answered + len(self.unanswered)

    @property
    def is_complete(self) -> bool:
        return not self.unanswered

    @property
    def global_level(self) -> int | None:
        return None if self.global_score is None else math.floor(self.global_score)


def _mean(values: list[int] | list[float]) -> float | None:
    return round(mean(values), 2) if values else None


def score(indicators: Iterable[IndicatorRef], levels: Mapping[str, int | None]) -> Score:
    """Score answers (indicator code -> palier 0–4, or None/absent when unanswered)."""
    by_dimension: dict[str, list[int]] = {}
    socle: list[int] = []
    unanswered: list[str] = []
    for indicator in indicators:
        answers = by_dimension.setdefault(indicator.dimension, [])
        level = levels.get(indicator.code)
        if level is None:
            unanswered.append(indicator.code)
            continue
        answers.append(level)
        if indicator.is_socle:
            socle.append(level)
    dimension_scores = {code: _mean(values) for code, values in by_dimension.items()}
    answered_dimensions = [value for value in dimension_scores.values() if value is not None]
    return Score(
        dimension_scores=dimension_scores,
        global_score=_mean(answered_dimensions),
        socle_score=_mean(socle),
        answered=sum(len(values) for values in by_dimension.values()),
        unanswered=unanswered,
    )


@dataclass(frozen=True)
class Distribution:
    count: int
    q1: float
    median: float
    q3: float


def distribution(values: list[float], minimum: int) -> Distribution | None:
    """Quartiles of peers' scores, or None below ``minimum`` values (small-cell rule)."""
    if len(values) < minimum:
        return None
    ordered = sorted(values)
    return Distribution(
        count=len(ordered),
        q1=round(_quantile(ordered, 0.25), 2),
        median=round(_quantile(ordered, 0.5), 2),
        q3=round(_quantile(ordered, 0.75), 2),
    )


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (as numpy's default)."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def position(value: float | None, spread: Distribution | None) -> str:
    """Where a score stands among its peers' quartiles, in French ("" when unknown)."""
    if value is None or spread is None:
        return ""
    if value < spread.q1:
        return "sous le 1er quartile"
    if value > spread.q3:
        return "au-dessus du 3e quartile"
    if value == spread.median:
        return "à la médiane"
    if value < spread.median:
        return "entre le 1er quartile et la médiane"
    return "entre la médiane et le 3e quartile"
