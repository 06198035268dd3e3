"""The result of an assessment: scores, strengths, gaps, next paliers, progress, peers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.conf import settings

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
    peers: scoring.Distribution | None = None  # this dimension's scores among the peers
    position: str = ""  # where this score stands among them

    @property
    def strip(self) -> dict | None:
        return quartile_strip(self.peers, self.score)


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
    peer_dimensions: selectors.PeerDimensions | None = None

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
    if assessment.is_submitted:
        _place_among_peers(report, selectors.peer_dimensions(assessment))
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


def _place_among_peers(report: Report, peers: selectors.PeerDimensions | None) -> None:
    """Each dimension's quartiles among the peers (small-cell rule per dimension) and where
    this assessment's score stands in them."""
    report.peer_dimensions = peers
    if peers is None:
        return
    minimum = settings.MUTUALIS["SMALL_CELL_MINIMUM"]
    rows = []
    for row in report.dimensions:
        values = [s[row.code] for s in peers.scores if s.get(row.code) is not None]
        spread = scoring.distribution(values, minimum)
        rows.append(replace(row, peers=spread, position=scoring.position(row.score, spread)))
    report.dimensions = rows


def quartile_strip(spread: scoring.Distribution | None, value: float | None, width: int = 120):
    """Geometry of a small 0–4 strip: the peers' interquartile box, their median, this score."""
    if spread is None:
        return None

    def x(level: float) -> float:
        return round(4 + (width - 8) * level / MAX_LEVEL, 1)

    return {
        "width": width,
        "q1": x(spread.q1),
        "box": round(x(spread.q3) - x(spread.q1), 1),
        "median": x(spread.median),
        "marker": None
        if value is None
        else "{0},3 {1},9 {0},15 {2},9".format(x(value), x(value) + 6, x(value) - 6),
    }


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
        # The peers' median, drawn only when every dimension has one (no fake zeros).
        "peers": radar_polygon([row.peers.median for row in report.dimensions], MAX_LEVEL)
        if report.dimensions and all(row.peers for row in report.dimensions)
        else None,
        "peers_label": report.peer_dimensions.label if report.peer_dimensions else "",
    }
