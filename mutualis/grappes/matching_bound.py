"""Proven grappe partitions by column generation, to measure the heuristic's true gap.

Same objective as ``matching_heuristic.suggest_grappes`` (``partition_cost``), as a set partitioning
problem: a column is a candidate grappe (cost ``group_cost``); each OG is in exactly one column
or left out (``UNASSIGNED_PENALTY`` per ESSMS). Splitting a grappe into two eligible ones never
raises the cost (pair costs are ≥ 0), so an optimum made of two kinds of columns remains:
OGs each below ``min_essms`` that reach it together, and one OG reaching it alone with OGs
below it that do not reach it together.

1. Column generation: the linear relaxation of the master (GLOP) over the columns found so far
   gives duals π; the pricing (``_Pricing``: a greedy heuristic, then when it finds nothing an
   exact branch and bound) finds columns of negative reduced cost ``group_cost(S) − Σ_{i∈S}
   π_i``. For any π, ``Σ π_i + K·min(0, least reduced cost) + Σ_i min(0, penalty_i − π_i)``
   is a lower bound of the optimum (Lagrangian bound; K: the most grappes a partition holds),
   so stopping early keeps a valid bound; it reaches the linear optimum once no column has a
   negative reduced cost. Exact pricing uses duals smoothed towards the best bound's (Wentges).
2. Branching on the number of grappes: when the linear optimum uses k* grappes, k* fractional,
   the relaxation is solved again with at most ⌊k*⌋, then at least ⌈k*⌉ grappes (the count's
   dual μ joins the reduced costs and the bound); the smaller bound holds for every partition.
   The quadratic cost makes the relaxation spread ESSMS over too many, barely full grappes:
   this step often closes most of the gap.
3. Proof: the upper bound UB is the heuristic's partition (``start``). A cheaper partition only
   uses columns of reduced cost below UB − bound (on its side of the branching); the pricing
   enumerates them all and a MIP (CBC) over them, with the side's count, finds the best one.
   When every side is closed so, the partition is optimal (``Partition.optimal``); otherwise
   ``Partition.lower_bound`` is the smallest bound of the sides left open.
Typical run on 30–40 OGs: a few seconds, up to the time limit (60 s) for a few instances.
ortools is imported inside functions: it is a development dependency only.
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Iterable, Sequence
from typing import NamedTuple

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
from mutualis.grappes.matching_heuristic import suggest_grappes

PRICED_COLUMNS = 60  # columns added to the master per pricing round
SMOOTHING = 0.8  # weight of the best bound's duals in the duals priced
BUDGET = 20_000  # nodes of a pricing round (at least 3× the last complete one)
MAX_ENUMERATED = 50_000  # columns the proof may enumerate before giving up
TOLERANCE = 1e-6  # float noise: absolute on reduced costs, relative on costs and bounds
NODE_CHECK = 1_000  # the pricing looks at the clock every so many nodes


class _OutOfTime(Exception):
    """The deadline passed, or the enumeration grew beyond ``MAX_ENUMERATED`` columns."""


class _OverBudget(Exception):
    """A pricing round explored its budget of nodes."""


class _Pricing:
    """Columns of reduced cost below a threshold, by a set-enumeration branch and bound.

    OGs reaching the minimum alone come first, so a column holds at most one of them. At each
    node (the column S so far), ``gains[l]`` is what adding OG l changes: its pair costs with S
    minus π_l. Columns extending S cost at least the node's value plus min over the sets U of
    OGs that may join of ``Σ gains + pair costs inside U``, where U brings the ESSMS S still
    misses: each of the t OGs of U pays at least half its t − 1 smallest pair costs, and when
    S is complete only OGs of negative gain can lower the cost. ``greedy`` is a fast heuristic
    pricing; ``search`` is exact.
    """

    def __init__(self, essms: Sequence[int], cost: Sequence[Sequence[float]], min_essms: int):
        self.essms, self.cost, self.min = essms, cost, min_essms
        self.order = sorted(range(len(essms)), key=lambda i: (essms[i] < min_essms, i))
        self.nodes = 0
        # halves[i][t]: half the t smallest pair costs of OG i: its least share of the pair
        # costs in a set of t + 1 OGs.
        self.halves = []
        for i, row in enumerate(cost):
            total, prefix = 0.0, [0.0]
            for c in sorted(c for j, c in enumerate(row) if j != i):
                total += c / 2
                prefix.append(total)
            self.halves.append(prefix)

    def greedy(self, duals: tuple[Sequence[float], float]) -> list[tuple[int, ...]]:
        """Columns of negative reduced cost found by growing a column from each OG, adding
        the OG of least change (per ESSMS still missing)."""
        (duals, mu), essms, floor, n = duals, self.essms, self.min, len(self.essms)
        threshold = mu - TOLERANCE
        found: dict[tuple[int, ...], float] = {}
        for seed in range(n):
            members, value = {seed}, -duals[seed]
            big, small = essms[seed] >= floor, 0 if essms[seed] >= floor else essms[seed]
            gains = [self.cost[seed][j] - duals[j] for j in range(n)]
            while True:
                feasible = big or small >= floor
                if feasible and value < threshold:
                    found[tuple(sorted(members))] = value
                options = [
                    (gains[j] if feasible else gains[j] / min(essms[j], floor - small), j)
                    for j in range(n)
                    if j not in members
                    and (not feasible if essms[j] >= floor else not big or small + essms[j] < floor)
                ]
                if not options:
                    break
                score, j = min(options)
                if feasible and score >= 0:
                    break
                members.add(j)
                value += gains[j]
                if essms[j] >= floor:
                    big = True
                else:
                    small += essms[j]
                for other in range(n):
                    gains[other] += self.cost[j][other]
        best = sorted(found, key=found.__getitem__)
        return best[:PRICED_COLUMNS]

    def search(
        self,
        duals: tuple[Sequence[float], float],
        threshold: float,
        deadline: float,
        keep: int | None = None,
        budget: float = math.inf,
    ) -> tuple[list[tuple[float, tuple[int, ...]]], bool]:
        """Columns S of reduced cost ``group_cost(S) − Σ_{i∈S} π_i − μ`` below the threshold
        (duals: (π, μ)), with it, sorted: the ``keep`` best, or all when None; and False if
        the ``budget`` of nodes ran out. Raises ``_OutOfTime`` at the deadline or past
        ``MAX_ENUMERATED`` columns.
        """
        (duals, mu), self.nodes, self.budget = duals, 0, budget
        self.deadline, self.keep, self.threshold = deadline, keep, threshold + mu
        self.found: list[tuple[float, tuple[int, ...]]] = []  # kept: a heap on −value
        try:
            self._extend((), 0.0, 0, False, list(self.order), [-duals[i] for i in self.order])
            complete = True
        except _OverBudget:
            complete = False
        if keep:
            return sorted((-value - mu, column) for value, column in self.found), complete
        return sorted((value - mu, column) for value, column in self.found), complete

    def _limit(self) -> float:
        if self.keep and len(self.found) >= self.keep:
            return min(self.threshold, -self.found[0][0])
        return self.threshold

    def _record(self, value: float, members: tuple[int, ...]) -> None:
        column = tuple(sorted(members))
        if not self.keep:
            self.found.append((value, column))
            if len(self.found) > MAX_ENUMERATED:
                raise _OutOfTime
        elif len(self.found) < self.keep:
            heapq.heappush(self.found, (-value, column))
        else:
            heapq.heapreplace(self.found, (-value, column))

    def _bound(self, gains: list[float], items: list[int], need: int) -> float:
        """Least change from adding OGs of ``items`` (``gains`` aligned) with ``need`` ESSMS."""
        fewest = 0  # OGs needed to bring the missing ESSMS
        if need > 0:
            useful = list(zip(gains, items, strict=True))
            for size in sorted((self.essms[i] for i in items), reverse=True):
                fewest, need = fewest + 1, need - size
                if need <= 0:
                    break
            if need > 0:
                return math.inf
        else:
            useful = [(g, i) for g, i in zip(gains, items, strict=True) if g < 0]
        best = 0.0 if fewest == 0 else math.inf
        halves = self.halves
        for t in range(1, len(useful) + 1):
            ordered = sorted(g + halves[i][t - 1] for g, i in useful)
            if t >= fewest:
                best = min(best, sum(ordered[:t]))
                if ordered[0] >= 0:
                    break
        return best

    def _extend(
        self,
        members: tuple[int, ...],
        value: float,
        small: int,  # ESSMS of the members below the minimum
        big: bool,  # a member reaches the minimum alone
        items: list[int],  # OGs that may still join, in order
        gains: list[float],
    ) -> None:
        self.nodes += 1
        if self.nodes > self.budget:
            raise _OverBudget
        if self.nodes % NODE_CHECK == 0 and time.monotonic() > self.deadline:
            raise _OutOfTime
        essms, floor, count = self.essms, self.min, len(items)
        room, negative = [0] * (count + 1), [0.0] * (count + 1)  # over the OGs from p on
        for p in range(count - 1, -1, -1):
            room[p] = room[p + 1] + essms[items[p]]
            negative[p] = negative[p + 1] + min(0.0, gains[p])
        for p, k in enumerate(items):
            new_value = value + gains[p]
            if new_value + negative[p + 1] >= self._limit() - TOLERANCE:
                continue
            new_big = big or essms[k] >= floor
            new_small = small if essms[k] >= floor else small + essms[k]
            if not new_big and new_small + room[p + 1] < floor:
                break  # the OGs after k are small: no column reaches the minimum
            column = (*members, k)
            if (new_big or new_small >= floor) and new_value < self._limit() - TOLERANCE:
                self._record(new_value, column)
            row, rest, rest_gains = self.cost[k], [], []
            for q in range(p + 1, count):
                other = items[q]
                if essms[other] >= floor or (new_big and new_small + essms[other] >= floor):
                    continue  # a second big OG, or small ones that could stand apart
                rest.append(other)
                rest_gains.append(gains[q] + row[other])
            limit = self._limit() - TOLERANCE
            if not rest or new_value + sum(g for g in rest_gains if g < 0) >= limit:
                continue
            need = 0 if new_big else floor - new_small
            if new_value + self._bound(rest_gains, rest, need) < limit:
                self._extend(column, new_value, new_small, new_big, rest, rest_gains)


class _Side(NamedTuple):
    """Partitions with ``low`` to ``high`` grappes; ``most``: the most they may hold."""

    low: float
    high: float
    most: int


class _Master:
    """Linear relaxation of the set partitioning problem (GLOP), grown column by column."""

    def __init__(self, cost: Sequence[Sequence[float]], penalties: Sequence[float], missing: float):
        from ortools.linear_solver import pywraplp

        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.cost, self.penalties = cost, penalties
        self.rows = [self.lp.Constraint(1, 1) for _ in penalties]
        self.count = self.lp.Constraint(0, self.lp.infinity())  # Σ columns: the grappes
        self.objective = self.lp.Objective()
        self.columns: dict[tuple[int, ...], object] = {}
        for row, penalty in zip(self.rows, penalties, strict=True):
            self._variable(penalty, [row])
        # A grappe missing from a count's lower bound costs ``missing``: the restricted master
        # stays feasible and its duals moderate (the Lagrangian bound holds for any duals).
        self._variable(missing, [self.count])

    def _variable(self, cost: float, rows: list) -> object:
        variable = self.lp.NumVar(0, self.lp.infinity(), "")
        self.objective.SetCoefficient(variable, cost)
        for row in rows:
            row.SetCoefficient(variable, 1)
        return variable

    def column_cost(self, column: tuple[int, ...]) -> float:
        return sum(self.cost[a][b] for p, a in enumerate(column) for b in column[p + 1 :])

    def partition_cost(self, columns: Sequence[tuple[int, ...]]) -> float:
        placed = {i for column in columns for i in column}
        left = sum(p for i, p in enumerate(self.penalties) if i not in placed)
        return sum(self.column_cost(column) for column in columns) + left

    def add(self, column: tuple[int, ...]) -> None:
        if column not in self.columns:
            rows = [self.rows[i] for i in column] + [self.count]
            self.columns[column] = self._variable(self.column_cost(column), rows)

    def prices_out(self, column: tuple[int, ...], duals: Sequence[float], mu: float) -> bool:
        """A new column of negative reduced cost at these duals."""
        rc = self.column_cost(column) - sum(duals[i] for i in column) - mu
        return column not in self.columns and rc < -TOLERANCE

    def solve(self, side: _Side) -> tuple[float, list[float], float, float]:
        """Optimum, duals of the OGs and of the count, number of grappes."""
        self.count.SetBounds(side.low, side.high)
        if self.lp.Solve() != self.lp.OPTIMAL:
            raise RuntimeError("GLOP did not solve the master relaxation")
        duals = [row.dual_value() for row in self.rows]
        used = sum(variable.solution_value() for variable in self.columns.values())
        return self.objective.Value(), duals, self.sign(side, self.count.dual_value()), used

    @staticmethod
    def sign(side: _Side, mu: float) -> float:
        """The count's dual, with the sign that keeps the Lagrangian bound valid."""
        return min(0.0, mu) if side.high < math.inf else max(0.0, mu) if side.low > 0 else 0.0

    def bound(self, side: _Side, duals: Sequence[float], mu: float, least: float) -> float:
        """Lagrangian bound of the partitions on this side (``least``: least reduced cost)."""
        return (
            sum(duals)
            + mu * (side.high if mu < 0 else side.low)
            + side.most * min(0.0, least)
            + sum(min(0.0, p - d) for p, d in zip(self.penalties, duals, strict=True))
        )


def _generate(
    master: _Master,
    pricing: _Pricing,
    side: _Side,
    centre: tuple[list[float], float],
    deadline: float,
    enough: float = math.inf,
) -> tuple[float, tuple[list[float], float], float | None]:
    """Column generation on one side, until the relaxation is solved or the bound reaches
    ``enough``: the best bound, its duals (π, μ), and the number of grappes of the relaxed
    optimum (None when stopped before).

    Each round: the master's duals; columns from the greedy pricing if it finds some, else
    from the exact pricing, first at duals smoothed towards the best bound's (``centre``),
    then, if that finds nothing new for the master (mispricing), at the master's own.
    """
    lower, budget = -math.inf, BUDGET
    try:
        while True:
            if time.monotonic() > deadline:
                raise _OutOfTime
            value, duals, mu, used = master.solve(side)
            solved = value - TOLERANCE * max(1.0, abs(value))  # a bound above this closes
            if lower >= solved:
                return lower, centre, used
            new = [c for c in pricing.greedy((duals, mu)) if master.prices_out(c, duals, mu)]
            weight = SMOOTHING
            while not new:
                point = (
                    [weight * c + (1 - weight) * d for c, d in zip(centre[0], duals, strict=True)],
                    _Master.sign(side, weight * centre[1] + (1 - weight) * mu),
                )
                found, complete = pricing.search(
                    point, -TOLERANCE, deadline, PRICED_COLUMNS, budget
                )
                budget = max(BUDGET, 3 * pricing.nodes) if complete else math.inf
                new = [c for _, c in found if master.prices_out(c, duals, mu)]
                if not complete:
                    continue  # again, without a budget
                bound = master.bound(side, *point, found[0][0] if found else 0.0)
                if bound > lower:
                    lower, centre = bound, point
                if lower >= min(enough, solved) or (weight == 0.0 and not new):
                    return lower, centre, (used if lower < enough else None)
                weight = 0.0
            for column in new:
                master.add(column)
    except _OutOfTime:
        return lower, centre, None


def _integer_master(
    master: _Master, columns: Sequence[tuple[int, ...]], side: _Side, time_limit_s: float
) -> tuple[list[tuple[int, ...]], bool]:
    """Cheapest partition of this side using these columns (MIP, CBC), and whether proven."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("CBC")
    rows = [solver.Constraint(1, 1) for _ in master.penalties]
    count = solver.Constraint(side.low, side.high)
    objective = solver.Objective()
    for row, penalty in zip(rows, master.penalties, strict=True):
        out = solver.BoolVar("")
        row.SetCoefficient(out, 1)
        objective.SetCoefficient(out, penalty)
    chosen = []
    for column in columns:
        chosen.append(solver.BoolVar(""))
        objective.SetCoefficient(chosen[-1], master.column_cost(column))
        for row in [*(rows[i] for i in column), count]:
            row.SetCoefficient(chosen[-1], 1)
    objective.SetMinimization()
    solver.SetTimeLimit(max(1, round(1000 * time_limit_s)))
    parameters = pywraplp.MPSolverParameters()
    parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, 0.0)
    status = solver.Solve(parameters)
    picked = [c for c, x in zip(columns, chosen, strict=True) if x.solution_value() > 0.5]
    found = status in (solver.OPTIMAL, solver.FEASIBLE)
    return (picked if found else []), status in (solver.OPTIMAL, solver.INFEASIBLE)


def proven_partition(
    candidates: Iterable[Candidate],
    min_essms: int = 15,
    national_threshold: int = 50,
    weights: Weights = DEFAULT_WEIGHTS,
    time_limit_s: float = 60.0,
    start: Partition | None = None,
) -> Partition:
    """Best partition known, ``optimal`` True when proven, ``lower_bound`` the bound proven.

    ``start`` (default: ``suggest_grappes``) gives the first upper bound and columns.
    """
    deadline = time.monotonic() + time_limit_s
    candidates = list(candidates)
    usable, unassigned = prepare(candidates, min_essms)
    if not usable:
        cost = partition_cost([], unassigned, weights)
        return build_partition([], unassigned, weights, min_essms, national_threshold, True, cost)
    if start is None:
        start = suggest_grappes(candidates, min_essms, national_threshold, weights)
    index = {c.id: i for i, c in enumerate(usable)}
    essms = [c.essms for c in usable]
    cost = [[pair_cost(a, b, weights) if a is not b else 0.0 for b in usable] for a in usable]
    pricing = _Pricing(essms, cost, min_essms)
    most = sum(e >= min_essms for e in essms) + sum(e for e in essms if e < min_essms) // min_essms
    best = [tuple(sorted(index[m.id] for m in g.members)) for g in start.groups]
    upper = start.cost
    master = _Master(cost, [UNASSIGNED_PENALTY * e for e in essms], upper)
    for column in best + [(i,) for i, e in enumerate(essms) if e >= min_essms]:
        master.add(column)
    shares = [0.0] * len(usable)  # first duals: each OG's half of its pair costs
    for column in best:
        for i in column:
            shares[i] = sum(cost[i][j] for j in column) / 2

    # 1–2. Bounds: the relaxation, then each side of the branching on the number of grappes.
    free = _Side(0, math.inf, most)
    lower, centre, used = _generate(master, pricing, free, (shares, 0.0), deadline, upper)
    sides = [(free, lower, centre)]
    if used is not None and abs(used - round(used)) > 1e-6 and lower < upper:
        below = _Side(0, math.floor(used), math.floor(used))
        above = _Side(math.ceil(used), math.inf, most)
        sides = []
        for side in (below, above):
            if side.low <= most:  # else no partition has that many grappes
                start_duals = (centre[0], 0.0)
                bound, duals, _ = _generate(master, pricing, side, start_duals, deadline, upper)
                # The relaxation's bound holds on each side too: keep the better one.
                sides.append((side, bound, duals) if bound > lower else (side, lower, centre))
        lower = min(bound for _, bound, _ in sides)

    # 3. Proof, side by side: the columns a cheaper partition may use, the best one of them.
    # A side is closed when no partition on it is cheaper than the best known.
    unclosed = []
    for side, bound, duals in sides:
        slack = TOLERANCE * max(1.0, upper)
        if bound >= upper - slack:
            continue
        picked, closed = [], False
        if bound > -math.inf:
            try:
                found, _ = pricing.search(duals, upper - bound + slack, deadline)
                listed = sorted({column for _, column in found} | set(best))
                picked, closed = _integer_master(master, listed, side, deadline - time.monotonic())
            except _OutOfTime:
                pass
        if picked and master.partition_cost(picked) < upper:
            best, upper = picked, master.partition_cost(picked)
        if not closed:
            unclosed.append(bound)
    placed = {i for column in best for i in column}
    groups = [[usable[i] for i in column] for column in best]
    unassigned += [(usable[i], REASON_TOO_COSTLY) for i in range(len(usable)) if i not in placed]
    partition = build_partition(groups, unassigned, weights, min_essms, national_threshold)
    return build_partition(
        groups,
        unassigned,
        weights,
        min_essms,
        national_threshold,
        optimal=not unclosed,
        lower_bound=max(0.0, min([partition.cost, *unclosed])),  # costs are ≥ 0
    )
