"""Exact grappe partition with OR-Tools CP-SAT, to check the heuristic on small instances.

Same objective as ``matching.suggest_grappes``: ``partition_cost``, scaled to integers
(``COST_SCALE`` units per km-equivalent). Representative formulation: OGs sorted by decreasing
ESSMS then id; ``x[i, g]`` = OG i joins the grappe represented by OG g, allowed for g ≤ i
only, and a representative belongs to its own grappe (``x[i, g] ≤ x[g, g]``), so each
partition has one encoding (symmetry breaking). ``same[i, j] ≥ x[i, g] + x[j, g] − 1``
linearises "i and j in the same grappe" (costs are ≥ 0, the lower bound suffices).
Two OGs that each reach the minimum alone never share a grappe: splitting such a grappe never
raises the cost, so this restriction keeps an optimum.
ortools is imported inside the function: it is a development dependency only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from mutualis.grappes.matching import (
    DEFAULT_WEIGHTS,
    REASON_TOO_COSTLY,
    UNASSIGNED_PENALTY,
    Candidate,
    Partition,
    Weights,
    build_partition,
    pair_cost,
    prepare,
)

COST_SCALE = 100  # integer units per km-equivalent: 0.01 precision


def exact_partition(
    candidates: Iterable[Candidate],
    min_essms: int = 15,
    national_threshold: int = 50,
    weights: Weights = DEFAULT_WEIGHTS,
    time_limit_s: float = 30.0,
) -> Partition:
    """Optimal partition into eligible grappes; ``Partition.optimal`` False on time-out."""
    from ortools.sat.python import cp_model

    usable, unassigned = prepare(candidates, min_essms)
    if not usable:
        return build_partition([], unassigned, weights, min_essms, national_threshold, True)
    ogs = sorted(usable, key=lambda c: (-c.essms, c.id))
    n = len(ogs)
    big = [c.essms >= min_essms for c in ogs]
    model = cp_model.CpModel()
    x = {(i, g): model.new_bool_var(f"x_{i}_{g}") for i in range(n) for g in range(i + 1)}
    for i in range(n):
        model.add_at_most_one(x[i, g] for g in range(i + 1))
        for g in range(i):
            model.add_implication(x[i, g], x[g, g])
    for g in range(n):
        members = sum(ogs[i].essms * x[i, g] for i in range(g, n))
        model.add(members >= min_essms).only_enforce_if(x[g, g])
    objective = []
    for i in range(n):
        for j in range(i + 1, n):
            if big[i] and big[j]:
                for g in range(i + 1):
                    model.add_bool_or([~x[i, g], ~x[j, g]])
                continue
            same = model.new_bool_var(f"same_{i}_{j}")
            for g in range(i + 1):
                model.add_bool_or([~x[i, g], ~x[j, g], same])
            objective.append(round(COST_SCALE * pair_cost(ogs[i], ogs[j], weights)) * same)
    for i in range(n):
        penalty = round(COST_SCALE * UNASSIGNED_PENALTY * ogs[i].essms)
        objective.append(penalty * (1 - sum(x[i, g] for g in range(i + 1))))
    model.minimize(sum(objective))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = max(1, min(8, os.cpu_count() or 1))
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT found no partition within {time_limit_s} s")
    groups = [
        [ogs[i] for i in range(g, n) if solver.value(x[i, g])]
        for g in range(n)
        if solver.value(x[g, g])
    ]
    placed = {c.id for group in groups for c in group}
    unassigned += [(c, REASON_TOO_COSTLY) for c in ogs if c.id not in placed]
    return build_partition(
        groups, unassigned, weights, min_essms, national_threshold, status == cp_model.OPTIMAL
    )
