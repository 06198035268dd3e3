"""How far the members agree on each item: pure, no ORM.

The ordinal scale is Indispensable > Souhaité > Utile > Sans objet. For one item, from the
members' importances (None = not rated):

- « incomplet »: fewer than half of the members rated it;
- « consensus »: every member rated it, all the same;
- « majorité »: a level chosen by a strict majority of the ratings, and the ratings spread over
  one step at most;
- « désaccord »: otherwise (ratings two steps apart or more, or no strict majority).

The suggested level is the most frequent one; a tie goes to the more important level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from mutualis.specifications.models import Importance

# Most important first.
SCALE: tuple[str, ...] = (
    Importance.INDISPENSABLE.value,
    Importance.WISHED.value,
    Importance.USEFUL.value,
    Importance.NOT_APPLICABLE.value,
)
RANK = {level: rank for rank, level in enumerate(SCALE)}

CONSENSUS = "consensus"
MAJORITY = "majorité"
DISAGREEMENT = "désaccord"
INCOMPLETE = "incomplet"
STATUSES = (CONSENSUS, MAJORITY, DISAGREEMENT, INCOMPLETE)


@dataclass(frozen=True)
class Convergence:
    counts: dict[str, int]  # level -> number of members, every level of SCALE present
    rated: int
    members: int
    status: str
    suggested: str | None  # None when nobody rated

    @property
    def ordered_counts(self) -> list[int]:
        """The counts in the order of the scale, most important first."""
        return [self.counts[level] for level in SCALE]

    @property
    def suggested_label(self) -> str:
        return Importance(self.suggested).label if self.suggested else ""

    @property
    def spread(self) -> int:
        ranks = [RANK[level] for level, n in self.counts.items() if n]
        return max(ranks) - min(ranks) if ranks else 0


def converge(importances: Iterable[str | None]) -> Convergence:
    """The convergence of one item from each member's importance (None = not rated)."""
    values = list(importances)
    members = len(values)
    rated_values = [value for value in values if value is not None]
    unknown = [value for value in rated_values if value not in RANK]
    if unknown:
        raise ValueError(f"Niveau d'importance inconnu : {unknown[0]!r}")
    tally = Counter(rated_values)
    counts = {level: tally.get(level, 0) for level in SCALE}
    rated = len(rated_values)
    suggested = None
    if rated:
        # Most frequent; on a tie the more important (lower rank) wins.
        suggested = min(SCALE, key=lambda level: (-counts[level], RANK[level]))
    ranks = [RANK[value] for value in rated_values]
    spread = max(ranks) - min(ranks) if ranks else 0
    if rated == 0 or 2 * rated < members:
        status = INCOMPLETE
    elif rated == members and spread == 0:
        status = CONSENSUS
    elif spread <= 1 and 2 * counts[suggested] > rated:
        status = MAJORITY
    else:
        status = DISAGREEMENT
    return Convergence(counts, rated, members, status, suggested)
