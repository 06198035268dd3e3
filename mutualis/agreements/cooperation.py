"""Aggregation of the members' cooperation self-evaluations (pure: no ORM).

Each member answers separately on a 1–4 agreement scale. The grappe sees, per axis, the mean
of the members' axis means and their range; the statements where members disagree; the risks
(weak statements) and the recommendations that follow. Individual answers never leave this
module: results are shown only from ``MINIMUM_RESPONSES`` members on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import mean

from mutualis.agreements.referential import Question
from mutualis.core.charts import radar_axes, radar_polygon, radar_rings

MINIMUM_RESPONSES = 2  # below, the aggregate would show one member's answers
DISAGREEMENT_SPREAD = 2  # e.g. one member "plutôt pas d'accord", another "tout à fait"
RISK_BELOW = 2.5  # mean under the middle of the scale
RECOMMEND_BELOW = 3.0  # mean under "plutôt d'accord"
SCALE_MAX = 4

Answers = Mapping[str, int]  # question code -> 1..4, one mapping per member


@dataclass(frozen=True)
class AxisResult:
    code: str
    label: str
    mean: float | None
    low: float | None  # lowest member mean on the axis
    high: float | None
    previous: float | None = None


@dataclass(frozen=True)
class StatementResult:
    question: Question
    mean: float | None
    low: int | None
    high: int | None
    answered: int

    @property
    def disagreement(self) -> bool:
        return self.answered >= 2 and self.high - self.low >= DISAGREEMENT_SPREAD

    @property
    def at_risk(self) -> bool:
        return self.mean is not None and (self.mean < RISK_BELOW or self.low == 1)


@dataclass
class Summary:
    responses: int
    axes: list[AxisResult] = field(default_factory=list)
    statements: list[StatementResult] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.responses >= MINIMUM_RESPONSES

    @property
    def overall(self) -> float | None:
        values = [axis.mean for axis in self.axes if axis.mean is not None]
        return round(mean(values), 2) if values else None

    @property
    def disagreements(self) -> list[StatementResult]:
        return [s for s in self.statements if s.disagreement]

    @property
    def risks(self) -> list[StatementResult]:
        return sorted((s for s in self.statements if s.at_risk), key=lambda s: s.mean)

    @property
    def recommendations(self) -> list[StatementResult]:
        """Weak or disputed statements, weakest first."""
        weak = [
            s
            for s in self.statements
            if s.mean is not None and (s.mean < RECOMMEND_BELOW or s.disagreement)
        ]
        return sorted(weak, key=lambda s: (s.mean, -(s.high - s.low)))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _axis_means(questions: Sequence[Question], answers: Answers) -> dict[str, float]:
    by_axis: dict[str, list[int]] = {}
    for question in questions:
        if question.code in answers:
            by_axis.setdefault(question.axis, []).append(answers[question.code])
    return {axis: mean(values) for axis, values in by_axis.items()}


def summarize(
    questions: Sequence[Question],
    responses: Sequence[Answers],
    previous: Sequence[Answers] = (),
) -> Summary:
    """The grappe's view of one round; ``previous`` is the round before, for progress."""
    summary = Summary(responses=len(responses))
    member_axes = [_axis_means(questions, answers) for answers in responses]
    previous_axes = summarize(questions, previous).axes if len(previous) else []
    previous_by_code = {axis.code: axis.mean for axis in previous_axes}
    for code, label in dict.fromkeys((q.axis, q.axis_label) for q in questions):
        values = [axes[code] for axes in member_axes if code in axes]
        summary.axes.append(
            AxisResult(
                code,
                label,
                _round(mean(values)) if values else None,
                _round(min(values)) if values else None,
                _round(max(values)) if values else None,
                previous_by_code.get(code),
            )
        )
    for question in questions:
        values = [answers[question.code] for answers in responses if question.code in answers]
        summary.statements.append(
            StatementResult(
                question,
                _round(mean(values)) if values else None,
                min(values) if values else None,
                max(values) if values else None,
                len(values),
            )
        )
    return summary


def radar(summary: Summary) -> dict:
    """Radar of the axis means (scale 1–4), with the previous round when there is one."""
    previous = [axis.previous for axis in summary.axes]
    return {
        "axes": radar_axes([str(index) for index in range(1, len(summary.axes) + 1)]),
        "rings": radar_rings(SCALE_MAX, count=len(summary.axes)),
        "current": radar_polygon([axis.mean for axis in summary.axes], SCALE_MAX),
        "previous": radar_polygon(previous, SCALE_MAX) if any(previous) else None,
    }
