"""The result of an assessment: scores, strengths, gaps, next paliers, progress, peers."""

from __future__ import annotations

from dataclasses import dataclass, field

from mutualis.core.charts import radar_axes, radar_polygon, radar_rings
from mutualis.maturity import scoring, selectors
from mutualis.maturity.models import MAX_LEVEL, Assessment, Dimension, Indicator

STRENGTH_LEVEL = 3  # palier from which an indicator counts as a strength
GAP_LEVEL = 1  # palier up to which it counts as a gap
HIGHLIGHTS = 5  # strengths and gaps listed on the result, the best and the worst first


@dataclass(frozen=True)
class DimensionRow:
    code: str
    label: str
    score: float | None
    previous: float | None
    answered: int
    total: int


@dataclass(frozen=True)
class Recommendation:
    indicator: Indicator
    level: int
    current: str
    next: str


@dataclass
class Report:
    score: scoring.Score
    dimensions: list[DimensionRow]
    previous: Assessment | None
    recommendations: list[Recommendation] = field(default_factory=list)
    strengths: list[Recommendation] = field(default_factory=list)
    gaps: list[Recommendation] = field(default_factory=list)
    unanswered: list[Indicator] = field(default_factory=list)
    peers: list[selectors.PeerGroup] = field(default_factory=list)
    strength_count: int = 0
    gap_count: int = 0

    @property
    def progress(self) -> float | None:
        if self.previous is None or self.previous.global_score is None:
            return None
        if self.score.global_score is None:
            return None
        return round(self.score.global_score - self.previous.global_score, 2)


def dimension_progress(dimensions: list[Dimension], levels: dict[str, int | None]):
    """(dimension, answered, total) for each dimension of the referential."""
    rows = []
    for dimension in dimensions:
        codes = [i.code for t in dimension.themes.all() for i in t.indicators.all()]
        answered = sum(1 for code in codes if levels.get(code) is not None)
        rows.append((dimension, answered, len(codes)))
    return rows


def build_report(assessment: Assessment) -> Report:
    levels = selectors.levels(assessment)
    score = scoring.score(selectors.indicator_refs(assessment.referential), levels)
    previous = selectors.previous_assessment(assessment)
    previous_scores = previous.dimension_scores if previous else {}
    dimensions = list(selectors.dimensions(assessment.referential))
    report = Report(
        score=score,
        previous=previous,
        dimensions=[
            DimensionRow(
                code=d.code,
                label=d.label,
                score=score.dimension_scores.get(d.code),
                previous=previous_scores.get(d.code),
                answered=answered,
                total=total,
            )
            for d, answered, total in dimension_progress(dimensions, levels)
        ],
        peers=selectors.peer_groups(assessment) if assessment.is_submitted else [],
    )
    for indicator in selectors.indicators(assessment.referential):
        level = levels.get(indicator.code)
        if level is None:
            report.unanswered.append(indicator)
            continue
        item = Recommendation(
            indicator=indicator,
            level=level,
            current=indicator.paliers[level],
            next=indicator.paliers[level + 1] if level < MAX_LEVEL else "",
        )
        if level < MAX_LEVEL:
            report.recommendations.append(item)
        if level >= STRENGTH_LEVEL:
            report.strengths.append(item)
        elif level <= GAP_LEVEL:
            report.gaps.append(item)
    # Core indicators first, then the lowest paliers: where progress matters most.
    report.recommendations.sort(key=lambda r: (not r.indicator.is_socle, r.level))
    report.gaps.sort(key=lambda r: (not r.indicator.is_socle, r.level))
    report.strengths.sort(key=lambda r: (-r.level, not r.indicator.is_socle))
    report.strength_count, report.gap_count = len(report.strengths), len(report.gaps)
    report.strengths, report.gaps = report.strengths[:HIGHLIGHTS], report.gaps[:HIGHLIGHTS]
    return report


def radar(report: Report) -> dict:
    """The radar chart of a report: axes, grid, this campaign and the previous one."""
    scores = [row.score for row in report.dimensions]
    return {
        "axes": radar_axes([row.code for row in report.dimensions]),
        "rings": radar_rings(MAX_LEVEL, count=len(scores)),
        "current": radar_polygon(scores, MAX_LEVEL),
        "previous": radar_polygon([row.previous for row in report.dimensions], MAX_LEVEL)
        if report.previous
        else None,
    }
