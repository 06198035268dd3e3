"""Pure computations of the project dashboard: who hosts the next meeting, the risk matrix,
usage-target progress, funding received. No ORM: plain values in, dataclasses out."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)
SCALE = (1, 2, 3, 4)
LEVELS = ((9, "high", "élevée"), (4, "medium", "moyenne"), (1, "low", "faible"))


def _whole(value: Decimal) -> Decimal:
    """A percentage rounded to a whole number, halves up (62.5 -> 63)."""
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def next_host(
    members: Sequence[Hashable], hostings: Sequence[tuple[Hashable, datetime.date]]
) -> Hashable | None:
    """The member to host the next meeting: one who never hosted (in the order given), else
    the one who hosted least recently. ``hostings`` lists (member, meeting date)."""
    last: dict[Hashable, datetime.date] = {}
    for member, date in hostings:
        if member in members:
            last[member] = max(last.get(member, date), date)
    if not members:
        return None
    return min(members, key=lambda member: (member in last, last.get(member, datetime.date.min)))


def criticality_level(score: int) -> tuple[str, str]:
    """(code, French label) of a likelihood x impact score (1 to 16)."""
    return next((code, label) for floor, code, label in LEVELS if score >= floor)


@dataclass(frozen=True)
class MatrixCell:
    likelihood: int
    impact: int
    count: int

    @property
    def level(self) -> str:
        return criticality_level(self.likelihood * self.impact)[0]

    @property
    def level_label(self) -> str:
        return criticality_level(self.likelihood * self.impact)[1]


def risk_matrix(risks: Sequence[tuple[int, int]]) -> list[tuple[int, list[MatrixCell]]]:
    """Rows from the most to the least likely, each with a cell per impact (1 to 4): how many
    of the given (likelihood, impact) pairs fall in it."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for likelihood, impact in risks:
        counts[(likelihood, impact)] += 1
    return [
        (
            likelihood,
            [MatrixCell(likelihood, impact, counts[(likelihood, impact)]) for impact in SCALE],
        )
        for likelihood in reversed(SCALE)
    ]


def target_percent(target: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """Share of a target reached, capped at 100; None when no target value is set."""
    if target is None or target <= 0:
        return None
    if actual is None or actual <= 0:
        return ZERO
    return min(HUNDRED, _whole(actual * HUNDRED / target))


@dataclass(frozen=True)
class TargetValue:
    essms: Hashable
    essms_name: str
    target: Decimal | None
    actual: Decimal | None


@dataclass
class EssmsProgress:
    essms: Hashable
    name: str
    percents: list[Decimal] = field(default_factory=list)
    undefined: int = 0

    @property
    def percent(self) -> Decimal | None:
        if not self.percents:
            return None
        return _whole(sum(self.percents, ZERO) / len(self.percents))

    @property
    def reached(self) -> int:
        return sum(1 for percent in self.percents if percent >= HUNDRED)

    @property
    def defined(self) -> int:
        return len(self.percents)


@dataclass
class UsageProgress:
    essms: list[EssmsProgress]

    @property
    def percents(self) -> list[Decimal]:
        return [percent for item in self.essms for percent in item.percents]

    @property
    def percent(self) -> Decimal | None:
        """Mean share reached over every target that has a value."""
        values = self.percents
        return _whole(sum(values, ZERO) / len(values)) if values else None

    @property
    def reached(self) -> int:
        return sum(item.reached for item in self.essms)

    @property
    def defined(self) -> int:
        return len(self.percents)

    @property
    def undefined(self) -> int:
        return sum(item.undefined for item in self.essms)


def usage_progress(targets: Sequence[TargetValue]) -> UsageProgress:
    """Per ESSMS (in the order first met) and overall share of the usage targets reached."""
    by_essms: dict[Hashable, EssmsProgress] = {}
    for target in targets:
        item = by_essms.setdefault(target.essms, EssmsProgress(target.essms, target.essms_name))
        percent = target_percent(target.target, target.actual)
        if percent is None:
            item.undefined += 1
        else:
            item.percents.append(percent)
    return UsageProgress(list(by_essms.values()))


@dataclass(frozen=True)
class FundingSummary:
    expected: Decimal
    received: Decimal
    count: int
    received_count: int

    @property
    def percent(self) -> Decimal | None:
        if not self.expected:
            return None
        return _whole(self.received * HUNDRED / self.expected)


def funding_summary(tranches: Sequence[tuple[Decimal, Decimal | None]]) -> FundingSummary:
    """From (expected amount, received amount or None) pairs."""
    return FundingSummary(
        expected=sum((expected for expected, _ in tranches), ZERO),
        received=sum((received or ZERO for _, received in tranches), ZERO),
        count=len(tranches),
        received_count=sum(1 for _, received in tranches if received is not None),
    )


# Periods of the usage values: a month (2026-11), a quarter (2026-T4) or a year (2026).

QUARTER_MONTHS = 3


def period_of(periodicity: str, day: datetime.date) -> str:
    """The period containing ``day``, as stored."""
    if periodicity == "year":
        return f"{day.year}"
    if periodicity == "quarter":
        return f"{day.year}-T{(day.month - 1) // QUARTER_MONTHS + 1}"
    return f"{day.year}-{day.month:02d}"


def _previous(periodicity: str, day: datetime.date) -> datetime.date:
    """A day of the period before the one of ``day``."""
    if periodicity == "year":
        return day.replace(year=day.year - 1, month=1, day=1)
    months = QUARTER_MONTHS if periodicity == "quarter" else 1
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def recent_periods(periodicity: str, today: datetime.date, count: int = 12) -> list[str]:
    """The current period and the ``count - 1`` before it, most recent first (values are
    recorded for a period that has started, never for a future one)."""
    periods, day = [], today.replace(day=1)
    for _ in range(count):
        periods.append(period_of(periodicity, day))
        day = _previous(periodicity, day)
    return periods


MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def period_label(period: str) -> str:
    """French label of a stored period: "novembre 2026", "4e trimestre 2026", "2026"."""
    year, _, rest = period.partition("-")
    if not rest:
        return year
    if rest.startswith("T"):
        number = rest[1:]
        return f"{number}{'er' if number == '1' else 'e'} trimestre {year}"
    return f"{MONTHS[int(rest) - 1]} {year}"
