"""Observatory figures, as pure functions of per-establishment rows.

Statistical confidentiality: a rate or a mean is published only when computed from at least
``minimum`` establishments (settings.MUTUALIS["SMALL_CELL_MINIMUM"]); otherwise it is None
and shown as "secret statistique". Counts of establishments are public directory data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from mutualis.core.confidentiality import rate

SERVICES = ("ins", "mssante", "dmp", "psc")
EQUIPPED = {"partial", "deployed"}


class Row(NamedTuple):
    """One open establishment with what is known of its IT and its maturity (a tuple:
    tens of thousands are cached and unpickled quickly)."""

    region: str
    departement: str
    sector: str | None
    category: str
    size_class: str
    dui_status: str | None  # None: no IT profile declared
    segur: bool | None  # None: non évaluable (no solution declared, or not verified)
    editor: str | None
    score: float | None  # submitted assessment (its own, else its managing body's)
    services: tuple[tuple[str, bool], ...] = ()
    is_demo: bool = False
    dimensions: tuple[tuple[str, float], ...] = ()  # dimension code -> score (0 to 4)


@dataclass
class Figures:
    essms: int
    profiles: int
    dui_rate: float | None
    segur_share: float | None  # among the equipped ESSMS whose referencing is known
    assessed: int
    maturity: float | None
    services: dict[str, float | None] = field(default_factory=dict)
    segur_unknown: int = 0  # equipped ESSMS whose Ségur referencing is non évaluable

    def metric(self, name: str) -> float | None:
        if name.startswith("service_"):
            return self.services.get(name.removeprefix("service_"))
        return getattr(self, name)


def summarize(rows: Iterable[Row], minimum: int) -> Figures:
    """One pass over the rows (the national dashboard reads about 49 000 of them)."""
    essms = profiles = equipped = segur_known = segur = assessed = 0
    score_sum = 0.0
    adopted = dict.fromkeys(SERVICES, 0)
    answered = dict.fromkeys(SERVICES, 0)
    for row in rows:
        essms += 1
        if row.dui_status is not None:
            profiles += 1
            if row.dui_status in EQUIPPED:
                equipped += 1
                if row.segur is not None:
                    segur_known += 1
                    segur += row.segur
        if row.score is not None:
            assessed += 1
            score_sum += row.score
        for service, is_adopted in row.services:
            answered[service] += 1
            adopted[service] += is_adopted
    return Figures(
        essms=essms,
        profiles=profiles,
        dui_rate=rate(equipped, profiles, minimum),
        segur_share=rate(segur, segur_known, minimum),
        assessed=assessed,
        maturity=round(score_sum / assessed, 2) if assessed >= minimum else None,
        services={s: rate(adopted[s], answered[s], minimum) for s in SERVICES},
        segur_unknown=equipped - segur_known,
    )


def group(
    rows: Iterable[Row], key: Callable[[Row], Hashable], minimum: int
) -> dict[Hashable, Figures]:
    groups: dict[Hashable, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {value: summarize(items, minimum) for value, items in groups.items()}


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: float


def editor_shares(rows: Iterable[Row], minimum: int, others: str) -> list[Share]:
    """Share of ESSMS per DUI editor among those that declared one; editors with fewer
    than ``minimum`` ESSMS are grouped under ``others``."""
    counts = Counter(r.editor for r in rows if r.editor)
    total = sum(counts.values())
    if total < minimum:
        return []
    shares = [(e, n) for e, n in counts.most_common() if n >= minimum]
    rest = total - sum(n for _, n in shares)
    if rest:
        shares.append((others, rest))
    return [Share(label, n, round(100 * n / total, 1)) for label, n in shares]


LEVELS = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class DimensionDistribution:
    """How the assessed ESSMS of a scope spread over the paliers of one dimension (the
    palier reached is the integer part of the dimension's score)."""

    code: str
    label: str
    assessed: int
    mean: float | None
    counts: tuple[int | None, ...]  # ESSMS per palier 0 to 4; None: secret statistique

    @property
    def withheld(self) -> bool:
        return any(count is None for count in self.counts)


def withhold_small_counts(counts: list[int], minimum: int) -> tuple[int | None, ...]:
    """Counts from 1 to ``minimum`` - 1 are withheld; when only one would be, the next
    smallest is withheld too, so that it cannot be deduced from the total."""
    hidden = {i for i, n in enumerate(counts) if 0 < n < minimum}
    if len(hidden) == 1:
        others = [(n, i) for i, n in enumerate(counts) if n and i not in hidden]
        if others:
            hidden.add(min(others)[1])
    return tuple(None if i in hidden else n for i, n in enumerate(counts))


def dimension_distributions(
    rows: Iterable[Row], labels: dict[str, str], minimum: int
) -> list[DimensionDistribution]:
    """One distribution per dimension of ``labels`` (the current referential), in order;
    published when at least ``minimum`` ESSMS are assessed on it."""
    levels: dict[str, list[int]] = {code: [0] * len(LEVELS) for code in labels}
    sums: dict[str, float] = dict.fromkeys(labels, 0.0)
    for row in rows:
        for code, score in row.dimensions:
            if code in levels and score is not None:
                levels[code][min(int(score), LEVELS[-1])] += 1
                sums[code] += score
    found = []
    for code, label in labels.items():
        assessed = sum(levels[code])
        published = assessed >= minimum
        found.append(
            DimensionDistribution(
                code=code,
                label=label,
                assessed=assessed,
                mean=round(sums[code] / assessed, 2) if published else None,
                counts=withhold_small_counts(levels[code], minimum)
                if published
                else (None,) * len(LEVELS),
            )
        )
    return found
