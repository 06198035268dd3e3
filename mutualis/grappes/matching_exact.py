"""Exact grappe partition with OR-Tools CP-SAT, to check the heuristic on small instances.

Same objective as ``matching_heuristic.suggest_grappes``: ``partition_cost``, scaled to integers
(``COST_SCALE`` units per km-equivalent). Pair formulation, with booleans "OG i is in a grappe"
and "OGs i and j are in the same grappe":
- triangle inequalities make "same grappe" an equivalence relation (the grappes);
- each OG in a grappe has, with its partners, at least ``min_essms`` ESSMS:
  Σ_j min(e_j, need_i)·same_ij ≥ need_i·placed_i with need_i = min_essms − e_i (capping the
  coefficients at the need keeps the same solutions and tightens the linear relaxation);
- two OGs that each reach the minimum never share a grappe: splitting such a grappe never
  raises the cost (pair costs are ≥ 0), so an optimum remains.
Symmetry: grappes carry no label here, so the symmetry between relabelled grappes, which a
"OG i joins grappe g ≤ i" formulation has to break, does not arise. That formulation was tried:
as fast on 16 OGs, but with a much weaker lower bound and worse solutions on 30–40 OGs.
CP-SAT proves optimality within seconds up to about 16 OGs; beyond, ``Partition.optimal`` is
False and ``Partition.lower_bound`` tells how far the optimum can be. For 30–40 OGs,
``matching_bound.proven_partition`` (column generation) proves the optimum or a much closer
bound; this model stays as an independent check on small instances.
ortools is imported inside the function: it is a development dependency only.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from mutualis.grappes.matching import (
    DEFAULT_WEIGHTS,
    REASON_TOO_COSTLY,
    UNASSIGNED_PENALTY,
    Candidate,
    Partition,
    Weights,
    build_partition,
    pair_cost,
    partition_cost,
    prepare,
)

COST_SCALE = 100  # integer units per km-equivalent: 0.01 precision
# CP-SAT's portfolio needs several workers to run its lower-bound (linear relaxation)
# strategies; they share the available cores.
WORKERS = 8


def exact_partition(
    candidates: Iterable[Candidate],
    min_essms: int = 15,
    national_threshold: int = 50,
    weights: Weights = DEFAULT_WEIGHTS,
    time_limit_s: float = 30.0,
) -> Partition:
    """Partition minimising ``partition_cost``; ``optimal`` False when the time limit cut the
    proof (the partition is then the best found)."""
    from ortools.sat.python import cp_model

    usable, unassigned = prepare(candidates, min_essms)
    if not usable:
        bound = partition_cost([], unassigned, weights)
        return build_partition(
            [], unassigned, weights, min_essms, national_threshold, optimal=True, lower_bound=bound
        )
    n = len(usable)
    essms = [c.essms for c in usable]
    model = cp_model.CpModel()
    placed = [model.new_bool_var(f"placed_{i}") for i in range(n)]
    same: dict[tuple[int, int], cp_model.IntVar] = {}
    for i, j in combinations(range(n), 2):
        if min(essms[i], essms[j]) >= min_essms:
            continue
        together = model.new_bool_var(f"same_{i}_{j}")
        same[i, j] = same[j, i] = together
        model.add_implication(together, placed[i])
        model.add_implication(together, placed[j])
    for i in range(n):
        need = min_essms - essms[i]
        if need > 0:
            partners = [min(essms[j], need) * same[i, j] for j in range(n) if (i, j) in same]
            model.add(sum(partners) >= need * placed[i])
    for i, j, k in combinations(range(n), 3):
        for hub, a, b in ((i, j, k), (j, i, k), (k, i, j)):  # hub with a and b → a with b
            hub_a, hub_b, a_b = same.get((hub, a)), same.get((hub, b)), same.get((a, b))
            if hub_a is None or hub_b is None:
                continue
            if a_b is None:
                model.add_bool_or([~hub_a, ~hub_b])
            else:
                model.add(hub_a + hub_b - a_b <= 1)
    objective = [
        round(COST_SCALE * pair_cost(usable[i], usable[j], weights)) * together
        for (i, j), together in same.items()
        if i < j
    ]
    objective += [
        round(COST_SCALE * UNASSIGNED_PENALTY * essms[i]) * (1 - placed[i]) for i in range(n)
    ]
    model.minimize(sum(objective))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = WORKERS
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT found no partition within {time_limit_s} s")
    groups, seen = [], set()
    for i in range(n):
        if i in seen or not solver.value(placed[i]):
            continue
        members = [i] + [j for j in range(n) if (i, j) in same and solver.value(same[i, j])]
        seen.update(members)
        groups.append([usable[k] for k in members])
    unassigned += [(usable[i], REASON_TOO_COSTLY) for i in range(n) if not solver.value(placed[i])]
    return build_partition(
        groups,
        unassigned,
        weights,
        min_essms,
        national_threshold,
        optimal=status == cp_model.OPTIMAL,
        lower_bound=solver.best_objective_bound / COST_SCALE,
    )
