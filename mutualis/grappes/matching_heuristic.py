"""Heuristic grappe suggestions: greedy construction, local search, ruin and recreate."""

from __future__ import annotations

import heapq
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from mutualis.grappes.matching import (
    DEFAULT_WEIGHTS,
    KM_PER_DEGREE,
    REASON_TOO_COSTLY,
    UNASSIGNED_PENALTY,
    Candidate,
    Partition,
    Weights,
    build_partition,
    centroid,
    cost_between,
    haversine_km,
    prepare,
)

# Heuristic: neighbours examined by the local search, pool of the greedy growth, rounds of
# the local search (a safety net: it stops when nothing improves).
NEIGHBOURS = 12
POOL = 16
MAX_ROUNDS = 20
# Recombination: pairs and triples of neighbouring groups re-optimised by branch and bound.
RECOMBINE_PAIRS = 4
RECOMBINE_TRIPLES = 3
RECOMBINE_MAX_OGS = {2: 16, 3: 11}  # by number of groups: bounds the search
NODE_BUDGET = 20_000  # per re-optimisation
WORK_BUDGET = 1_000_000  # for the whole search: bounds the time on large territories (6 s for
# the 808 open OGs of Auvergne-Rhône-Alpes; twice this budget gains 2 % for twice the time)
# Ruin and recreate: regroup KICK_GROUPS groups (a group and neighbours among its closest
# KICK_CHOICES), keep the result if the local search then finds a better partition.
KICKS = 100
KICK_GROUPS = 4
KICK_CHOICES = 6
EPS = 1e-9  # improvements smaller than this are float noise


class _Grid:
    """Uniform grid over projected points (km), for k-nearest queries and removals."""

    def __init__(self, xy: dict[int, tuple[float, float]], cell: float):
        self.xy, self.cell = xy, cell
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in sorted(xy):
            self.cells[self._key(*xy[i])].append(i)
        keys = list(self.cells) or [(0, 0)]
        self.bounds = (
            min(k[0] for k in keys),
            max(k[0] for k in keys),
            min(k[1] for k in keys),
            max(k[1] for k in keys),
        )

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.cell), math.floor(y / self.cell)

    def remove(self, i: int) -> None:
        self.cells[self._key(*self.xy[i])].remove(i)

    def nearest(self, x: float, y: float, k: int, skip: int = -1) -> list[int]:
        """The ``k`` stored points nearest to (x, y), ``skip`` excluded, ties by index."""
        cx, cy = self._key(x, y)
        x0, x1, y0, y1 = self.bounds
        last = max(abs(cx - x0), abs(cx - x1), abs(cy - y0), abs(cy - y1))
        found: list[tuple[float, int]] = []
        for r in range(last + 1):
            for dx in range(-r, r + 1):
                step = 1 if abs(dx) == r else 2 * r
                for dy in range(-r, r + 1, max(1, step)):
                    for j in self.cells.get((cx + dx, cy + dy), ()):
                        if j != skip:
                            px, py = self.xy[j]
                            found.append(((px - x) ** 2 + (py - y) ** 2, j))
            # Points beyond ring r are at least r cells away from (x, y).
            if len(found) >= k and heapq.nsmallest(k, found)[-1][0] <= (r * self.cell) ** 2:
                break
        return [j for _, j in heapq.nsmallest(k, found)]


class _Heuristic:
    """Greedy construction, local search and ruin-and-recreate, on OG indices.

    State: ``groups`` (lists of OG indices, empty once dissolved), ``group_essms``,
    ``group_of`` (-1 outside any group); ``dirty`` holds the groups changed since the
    group-level moves last looked at them.
    """

    def __init__(self, candidates: list[Candidate], min_essms: int, weights: Weights):
        self.cands, self.min, self.weights = candidates, min_essms, weights
        self.n = len(candidates)
        self.essms = [c.essms for c in candidates]
        self.centroids = [centroid(c) for c in candidates]
        self.cache: dict[int, float] = {}
        located = [i for i, c in enumerate(self.centroids) if c is not None]
        # Equirectangular projection around the mean latitude: enough to find neighbours.
        lat0 = sum(self.centroids[i][0] for i in located) / len(located) if located else 0.0
        kx = KM_PER_DEGREE * math.cos(math.radians(lat0))
        self.xy = {
            i: (self.centroids[i][1] * kx, self.centroids[i][0] * KM_PER_DEGREE) for i in located
        }
        self.cell = self._cell_size(located)
        grid = _Grid(self.xy, self.cell)
        self.near = [[] for _ in range(self.n)]
        for i in located:
            self.near[i] = grid.nearest(*self.xy[i], NEIGHBOURS, skip=i)
        self.group_of = [-1] * self.n
        self.groups: list[list[int]] = []
        self.group_essms: list[int] = []
        self.dirty: set[int] = set()
        self.tried: set[frozenset[tuple[int, ...]]] = set()  # group sets already re-optimised
        self.work = WORK_BUDGET  # branch-and-bound nodes left for the whole search

    def _cell_size(self, located: list[int]) -> float:
        if len(located) < 2:
            return 1.0
        xs, ys = [self.xy[i][0] for i in located], [self.xy[i][1] for i in located]
        area = max(1.0, (max(xs) - min(xs)) * (max(ys) - min(ys)))
        return max(1.0, 1.5 * math.sqrt(area / len(located)))

    # Costs

    def cost(self, i: int, j: int) -> float:
        key = i * self.n + j if i < j else j * self.n + i
        value = self.cache.get(key)
        if value is None:
            ci, cj = self.centroids[i], self.centroids[j]
            km = None if ci is None or cj is None else haversine_km(ci, cj)
            value = self.cache[key] = cost_between(km, self.cands[i], self.cands[j], self.weights)
        return value

    def link(self, i: int, members: Iterable[int], skip: int = -1) -> float:
        """Sum of the costs between OG i and the members (``skip`` and i excluded)."""
        return sum(self.cost(i, m) for m in members if m != skip and m != i)

    def group_cost(self, members: Sequence[int]) -> float:
        return sum(
            self.cost(a, members[k])
            for i, a in enumerate(members)
            for k in range(i + 1, len(members))
        )

    def total(self) -> float:
        """The objective: ``partition_cost`` of the current state."""
        left = sum(self.essms[i] for i in range(self.n) if self.group_of[i] < 0)
        return sum(self.group_cost(members) for members in self.groups) + UNASSIGNED_PENALTY * left

    # State

    def assign(self, g: int, members: list[int]) -> None:
        """Make group g (a new one when g == len(groups)) hold exactly these OGs."""
        if g == len(self.groups):
            self.groups.append([])
            self.group_essms.append(0)
        self.groups[g] = members
        self.group_essms[g] = sum(self.essms[m] for m in members)
        for m in members:
            self.group_of[m] = g
        self.dirty.add(g)

    def open(self, members: list[int]) -> None:
        self.assign(len(self.groups), members)

    def put(self, i: int, g: int) -> None:
        """Move OG i into group g (from its group, if any)."""
        old = self.group_of[i]
        if old >= 0:
            self.groups[old].remove(i)
            self.group_essms[old] -= self.essms[i]
            self.dirty.add(old)
        self.groups[g].append(i)
        self.group_essms[g] += self.essms[i]
        self.group_of[i] = g
        self.dirty.add(g)

    def live(self) -> list[int]:
        return [g for g, members in enumerate(self.groups) if members]

    def snapshot(self) -> tuple[list[list[int]], list[int]]:
        return [list(members) for members in self.groups], list(self.group_of)

    def restore(self, state: tuple[list[list[int]], list[int]]) -> None:
        groups, self.group_of = state[0], list(state[1])
        self.groups = [list(members) for members in groups]
        self.group_essms = [sum(self.essms[m] for m in members) for members in groups]
        self.dirty = set()

    def candidate_groups(self, i: int) -> list[int]:
        """Groups of i's nearest neighbours; every group for an OG without location."""
        found = {self.group_of[j] for j in self.near[i]} - {-1, self.group_of[i]}
        if not found:
            found = set(self.live()) - {self.group_of[i]}
        return sorted(found)

    def neighbour_groups(self, g: int) -> list[int]:
        """Other groups holding nearest neighbours of g's OGs, most neighbours first."""
        counts: dict[int, int] = defaultdict(int)
        for m in self.groups[g]:
            for j in self.near[m]:
                h = self.group_of[j]
                if h not in (g, -1):
                    counts[h] += 1
        return sorted(counts, key=lambda h: (-counts[h], h))

    # Construction

    def grow(
        self, seed: int, pool: Callable[[], list[int]], take: Callable[[int], None]
    ) -> list[int]:
        """Grow a group from ``seed`` by the cheapest addition per ESSMS still needed."""
        take(seed)
        group, total = [seed], self.essms[seed]
        while total < self.min:
            options = pool()
            if not options:
                break
            need = self.min - total
            best = min(options, key=lambda j: (self.link(j, group) / min(self.essms[j], need), j))
            take(best)
            group.append(best)
            total += self.essms[best]
        return group

    def construct(self) -> list[int]:
        """Open the groups; return the OGs left over (last groups that stayed too small)."""
        small = [i for i in range(self.n) if self.essms[i] < self.min]
        for i in range(self.n):
            if self.essms[i] >= self.min:
                self.open([i])
        # Located OGs: seeds from the edge of the territory inwards, pools of neighbours.
        located = [i for i in small if i in self.xy]
        grid = _Grid({i: self.xy[i] for i in located}, self.cell)
        remaining = set(small)

        def take_located(j: int) -> None:
            grid.remove(j)
            remaining.discard(j)

        if located:
            mx = sum(self.xy[i][0] for i in located) / len(located)
            my = sum(self.xy[i][1] for i in located) / len(located)
            located.sort(
                key=lambda i: (-((self.xy[i][0] - mx) ** 2 + (self.xy[i][1] - my) ** 2), i)
            )
        # OGs without location: grouped among themselves, similar profiles side by side.
        unlocated = sorted((i for i in small if i not in self.xy), key=self._profile_key)
        leftovers: list[int] = []
        for seed in located + unlocated:
            if seed not in remaining:
                continue
            if seed in self.xy:
                xy = self.xy[seed]
                group = self.grow(seed, lambda xy=xy: grid.nearest(*xy, POOL), take_located)
            else:
                group = self.grow(
                    seed,
                    lambda: [j for j in unlocated if j in remaining][:POOL],
                    remaining.discard,
                )
            if sum(self.essms[m] for m in group) >= self.min:
                self.open(group)
            else:
                leftovers += group
        return leftovers

    def _profile_key(self, i: int) -> tuple[str, str, str, float, int]:
        c = self.cands[i]
        maturity = -1.0 if c.maturity is None else c.maturity
        return (c.editor or "", c.solution or "", c.hosting or "", maturity, i)

    def insert(self, leftovers: list[int]) -> list[int]:
        """Put each leftover in its cheapest group; return those it is cheaper to leave out."""
        if not self.live():
            self.open(leftovers)  # the total reaches the minimum: one grappe, split later
            return []
        out = []
        for i in sorted(leftovers, key=lambda i: (-self.essms[i], i)):
            added, g = min((self.link(i, self.groups[g]), g) for g in self.candidate_groups(i))
            if added > UNASSIGNED_PENALTY * self.essms[i]:
                out.append(i)
            else:
                self.put(i, g)
        return out

    # Local search: moves and swaps of one OG

    def try_move(self, i: int) -> tuple[int, int] | None:
        """Move i to the group where it costs least, if that lowers the objective."""
        a = self.group_of[i]
        if self.group_essms[a] - self.essms[i] < self.min:
            return None
        saved = self.link(i, self.groups[a])
        best, target = -EPS, -1
        for b in self.candidate_groups(i):
            delta = self.link(i, self.groups[b]) - saved
            if delta < best:
                best, target = delta, b
        if target < 0:
            return None
        self.put(i, target)
        return a, target

    def try_swap(self, i: int) -> tuple[int, int] | None:
        """Swap i with a neighbour of another group, if feasible and cheaper."""
        a = self.group_of[i]
        best, partner = -EPS, -1
        for j in self.near[i]:
            b = self.group_of[j]
            if b in (a, -1):
                continue
            diff = self.essms[j] - self.essms[i]
            if self.group_essms[a] + diff < self.min or self.group_essms[b] - diff < self.min:
                continue
            ga, gb = self.groups[a], self.groups[b]
            delta = (
                self.link(j, ga, skip=i)
                - self.link(i, ga)
                + self.link(i, gb, skip=j)
                - self.link(j, gb)
            )
            if delta < best:
                best, partner = delta, j
        if partner < 0:
            return None
        b = self.group_of[partner]
        self.put(i, b)
        self.put(partner, a)
        return a, b

    def descend(self, queue: list[int]) -> None:
        """Moves and swaps until none improves, from the OGs queued and those they affect."""
        pending = set(queue)
        order = sorted(pending)
        while order:
            i = order.pop()
            pending.discard(i)
            if self.group_of[i] < 0:
                continue
            touched = self.try_move(i) or self.try_swap(i)
            if touched:
                woken = set(self.groups[touched[0]]) | set(self.groups[touched[1]])
                woken |= set(self.near[i])
                for j in woken - pending:
                    pending.add(j)
                    order.append(j)

    # Local search: group-level moves

    def split(self, g: int) -> list[int]:
        """Cut group g in two feasible halves, greedily grown from each member, if cheaper."""
        members = self.groups[g]
        if self.group_essms[g] < 2 * self.min:
            return []
        best, halves = self.group_cost(members) - EPS, None
        for seed in members:
            part, rest = [seed], [m for m in members if m != seed]
            size = self.essms[seed]
            while size < self.min and rest:
                j = min(rest, key=lambda j: (self.link(j, part) - self.link(j, rest), j))
                part.append(j)
                rest.remove(j)
                size += self.essms[j]
            if size < self.min or sum(self.essms[m] for m in rest) < self.min:
                continue
            value = self.group_cost(part) + self.group_cost(rest)
            if value < best:
                best, halves = value, (part, rest)
        if halves is None:
            return []
        self.assign(g, halves[0])
        self.open(halves[1])
        return members

    def dissolve(self, g: int) -> list[int]:
        """Spread group g's OGs over other groups when that is cheaper than keeping it."""
        members = self.groups[g]
        if len(members) < 2:
            return []
        saved = self.group_cost(members) - EPS
        added, plan = 0.0, []
        joining: dict[int, list[int]] = defaultdict(list)  # OGs planned into each group
        for i in sorted(members, key=lambda i: (-self.essms[i], i)):
            options = [
                (self.link(i, self.groups[h]) + self.link(i, joining[h]), h)
                for h in self.candidate_groups(i)
            ]
            if not options:
                return []
            cost, h = min(options)
            added += cost
            if added >= saved:
                return []
            joining[h].append(i)
            plan.append((i, h))
        for i, h in plan:
            self.put(i, h)
        return members

    def reoptimise(self, slots: list[int], budget: int) -> tuple[list[list[int]] | None, int]:
        """Best split of these groups' OGs into feasible groups (one more at most), if cheaper.

        Branch and bound: OGs by decreasing ESSMS go to an open group or a new one, cheapest
        first. A branch stops when the OGs left cannot fill the groups still too small, or when
        its cost plus a lower bound reaches the best known. Bound: each OG left pays at least
        its smallest link to an open group or to an earlier OG left (which may open a new
        group), except the few that open the groups still to open. Returns the groups found
        (None if none is cheaper) and the nodes explored, at most ``budget``.
        """
        members = sorted(
            (m for g in slots for m in self.groups[g]), key=lambda i: (-self.essms[i], i)
        )
        essms = [self.essms[m] for m in members]
        count, width = len(members), min(len(slots) + 1, sum(essms) // self.min)
        cost = [[self.cost(a, b) if a != b else 0.0 for b in members] for a in members]
        after = [sum(essms[pos:]) for pos in range(count + 1)]
        # reach[i][p]: smallest cost between i and an OG placed at p..i-1.
        reach = []
        for i in range(count):
            row, low = [math.inf] * (i + 1), math.inf
            for p in range(i - 1, -1, -1):
                low = min(low, cost[i][p])
                row[p] = low
            reach.append(row)
        links = [[0.0] * count for _ in range(width)]  # links[k][i]: cost of i joining part k
        parts: list[list[int]] = []
        sizes: list[int] = []
        best = [sum(self.group_cost(self.groups[g]) for g in slots) - EPS]
        found: list[list[list[int]]] = []
        nodes = [0]

        def bound(pos: int) -> float:
            rows, free = links[: len(parts)], width - len(parts)
            lows = []
            for i in range(pos, count):
                low = min(row[i] for row in rows) if rows else math.inf
                if free and i > pos:
                    low = min(low, reach[i][pos])
                lows.append(low)
            if free:
                lows.sort()
                del lows[len(lows) - free :]
            return sum(lows)

        def branch(pos: int, value: float) -> None:
            nodes[0] += 1
            if nodes[0] > budget:
                return
            if sum(self.min - s for s in sizes if s < self.min) > after[pos]:
                return
            if pos == count:
                best[0] = value
                found.append([[members[i] for i in part] for part in parts])
                return
            if value + bound(pos) >= best[0]:
                return
            opened = len(parts)
            options = [(value + links[k][pos], k) for k in range(opened)]
            if opened < width:
                options.append((value, opened))
            row_cost = cost[pos]
            for new_value, k in sorted(options):
                if new_value >= best[0]:
                    break
                if k == len(parts):
                    parts.append([])
                    sizes.append(0)
                row = links[k]
                saved = row[pos + 1 :]
                for i in range(pos + 1, count):
                    row[i] += row_cost[i]
                parts[k].append(pos)
                sizes[k] += essms[pos]
                branch(pos + 1, new_value)
                parts[k].pop()
                sizes[k] -= essms[pos]
                row[pos + 1 :] = saved
                if not parts[k]:
                    parts.pop()
                    sizes.pop()

        branch(0, 0.0)
        return (found[-1] if found else None), nodes[0]

    def recombine(self, g: int) -> list[int]:
        """Re-optimise g with each of its closest groups, then with pairs of them."""
        around = self.neighbour_groups(g)
        top = around[:RECOMBINE_TRIPLES]
        combos = [[g, h] for h in around[:RECOMBINE_PAIRS]]
        combos += [[g, h, k] for a, h in enumerate(top) for k in top[a + 1 :]]
        for slots in combos:
            limit = RECOMBINE_MAX_OGS[len(slots)]
            if self.work <= 0 or sum(len(self.groups[s]) for s in slots) > limit:
                continue
            key = frozenset(tuple(sorted(self.groups[s])) for s in slots)
            if key in self.tried:
                continue
            self.tried.add(key)
            parts, used = self.reoptimise(slots, min(NODE_BUDGET, self.work))
            self.work -= used
            if parts is not None:
                parts += [[] for _ in range(len(slots) + 1 - len(parts))]
                for s, part in zip(slots, parts, strict=False):
                    self.assign(s, part)
                if parts[-1]:
                    self.open(parts[-1])
                return [m for part in parts for m in part]
        return []

    def improve(self, queue: list[int]) -> None:
        """Local search until no move, swap, split, dissolution or recombination improves."""
        for _ in range(MAX_ROUNDS):
            self.descend(queue)
            todo, self.dirty = sorted(self.dirty), set()
            queue = []
            for step in (self.split, self.dissolve, self.recombine):
                for g in todo:
                    if self.groups[g]:
                        queue += step(g)
            if not queue:
                return

    # Ruin and recreate

    def kick(self, rng: random.Random) -> list[int]:
        """Dissolve a few neighbouring groups and regroup their OGs from random seeds."""
        g = rng.choice(self.live())
        around = self.neighbour_groups(g)[:KICK_CHOICES]
        region = [g, *rng.sample(around, min(len(around), KICK_GROUPS - 1))]
        members = [m for h in region for m in self.groups[h]]
        for h in region:
            self.assign(h, [])
        for m in members:
            self.group_of[m] = -1
        order = rng.sample(members, len(members))
        remaining = set(members)
        slots, leftovers = list(region), []
        for seed in order:
            if seed in remaining:
                group = self.grow(
                    seed, lambda: [j for j in order if j in remaining], remaining.discard
                )
                if sum(self.essms[m] for m in group) < self.min:
                    leftovers += group
                elif slots:
                    self.assign(slots.pop(), group)
                else:
                    self.open(group)
        self.insert(leftovers)
        return members

    def solve(self) -> tuple[list[list[int]], list[int]]:
        """The groups, and the OGs it is cheaper to leave out."""
        self.insert(self.construct())
        self.improve([i for i in range(self.n) if self.group_of[i] >= 0])
        best, best_cost = self.snapshot(), self.total()
        rng = random.Random(0)
        for _ in range(KICKS):
            if len(self.live()) < 2 or self.work <= 0:
                break
            touched = self.kick(rng)
            self.improve(touched)
            cost = self.total()
            if cost < best_cost - EPS:
                best, best_cost = self.snapshot(), cost
            else:
                self.restore(best)
        self.restore(best)
        out = [i for i in range(self.n) if self.group_of[i] < 0]
        return [self.groups[g] for g in self.live()], out


def suggest_grappes(
    candidates: Iterable[Candidate],
    min_essms: int = 15,
    national_threshold: int = 50,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Partition:
    """Heuristic partition of the OGs into eligible grappes, minimising ``partition_cost``.

    Deterministic (fixed random seed). OGs reaching ``min_essms`` alone start as grappes of
    one; the others grow grappes from seeds taken from the edge of the territory inwards,
    adding the nearby OG of lowest cost per ESSMS still needed; a last, too small group is
    spread over the cheapest grappes. A local search then, while the objective decreases and
    every grappe keeps ``min_essms`` ESSMS: moves and swaps OGs between neighbouring grappes,
    splits grappes that can be cut in two, spreads grappes whose OGs cost less elsewhere, and
    re-optimises pairs and triples of neighbouring grappes by branch and bound. Last, ``KICKS``
    rounds of ruin and recreate: a few neighbouring grappes are regrouped from random seeds,
    the local search resumes, and the result is kept only if the objective improves. The work
    is bounded (neighbour lists, ``WORK_BUDGET``): about 6 s for the largest région.
    """
    usable, unassigned = prepare(candidates, min_essms)
    groups: list[list[Candidate]] = []
    if usable:
        solver = _Heuristic(usable, min_essms, weights)
        indices, out = solver.solve()
        groups = [[usable[i] for i in g] for g in indices]
        unassigned += [(usable[i], REASON_TOO_COSTLY) for i in out]
    return build_partition(groups, unassigned, weights, min_essms, national_threshold)
