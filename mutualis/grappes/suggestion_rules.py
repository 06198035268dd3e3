"""Suggested grappes people can trust (pure, no ORM): never a grappe of one organisation,
and a safety margin above the minimum size so that one withdrawal does not break
eligibility.

The OGs reaching the target size alone are left out (each can carry its own grappe). The
others are grouped by ``matching_heuristic.suggest_grappes`` with the target as the size to
reach; those it cannot place that way are grouped again with the bare minimum, and these
grappes are flagged as under the margin. A grappe of one OG is never suggested.
"""

from __future__ import annotations

from collections.abc import Iterable

from mutualis.grappes import matching_heuristic
from mutualis.grappes.matching import Candidate, Group, Partition, build_partition


def reason_alone(essms: int, target: int) -> str:
    return (
        f"Réunit déjà {essms} ESSMS dans la région, au moins la taille visée ({target}) : il "
        "peut porter sa propre grappe ou accueillir des partenaires."
    )


def reason_single(essms: int, minimum: int) -> str:
    return (
        f"{essms} ESSMS dans la région : éligible seul au minimum ({minimum}) mais sans marge, "
        "et aucun partenaire proche ne reste pour former une grappe à plusieurs."
    )


def within_margin(group: Group, target: int) -> bool:
    return group.essms >= target


def suggest(
    candidates: Iterable[Candidate],
    min_essms: int,
    target_essms: int,
    national_threshold: int,
) -> Partition:
    """Grappes of two OGs or more, of ``target_essms`` ESSMS where possible, of
    ``min_essms`` at least; the others with the French reason they are left out."""
    target = max(min_essms, target_essms)
    found = list(candidates)
    alone = [c for c in found if c.essms >= target]
    rest = [c for c in found if c.essms < target]
    first = matching_heuristic.suggest_grappes(rest, target, national_threshold)
    groups = [g.members for g in first.groups]
    unassigned = [(c, reason_alone(c.essms, target)) for c in alone]
    left = [c for c, _ in first.unassigned]
    if left and target > min_essms:
        second = matching_heuristic.suggest_grappes(left, min_essms, national_threshold)
        for group in second.groups:
            if len(group.members) > 1:
                groups.append(group.members)
            else:
                unassigned.append((group.members[0], reason_single(group.essms, min_essms)))
        unassigned += list(second.unassigned)
    else:
        unassigned += list(first.unassigned)
    return build_partition(
        groups, unassigned, min_essms=min_essms, national_threshold=national_threshold
    )


def margin_share(partition: Partition, target: int) -> float | None:
    """Share (0–1) of the suggested grappes that reach the target; None without grappe."""
    if not partition.groups:
        return None
    return sum(within_margin(g, target) for g in partition.groups) / len(partition.groups)
