"""Benchmark: grappe suggestion heuristic against the exact CP-SAT model, on random instances.

Usage: python bench/matching_instances.py   (about 12 minutes on 2 cores)
Pure part of the matching benchmark (no database): ``random_instance`` draws a plausible
région, ``compare`` solves 20 instances of 30 to 40 OGs with both solvers and returns the cost
ratios heuristic / exact (target: mean ≤ 1.05). CP-SAT rarely proves optimality at that size
within its time limit, so the script also prints the ratio to CP-SAT's lower bound (a ceiling
on the true ratio) and repeats the comparison on 12 to 16 OGs, where the optimum is proven.
Last, it times the heuristic on 2 000 OGs (target: under 10 s).
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass

from mutualis.grappes.matching import Candidate, suggest_grappes
from mutualis.grappes.matching_exact import exact_partition

CENTRE = (45.5, 4.5)  # (lat, lon) of the région's centre
HALF_WIDTH_KM = 150.0  # the région is a ~300 km square
KM_PER_DEGREE = 111.195
EDITORS = {  # editor: its DUI solutions
    "Éditeur A": ("Solution A1", "Solution A2"),
    "Éditeur B": ("Solution B",),
    "Éditeur C": ("Solution C1", "Solution C2"),
    "Éditeur D": ("Solution D",),
    "Éditeur E": ("Solution E",),
}
EDITOR_WEIGHTS = (35, 25, 20, 12, 8)
HOSTINGS = (("saas", 50), ("external", 25), ("on_premise", 15), (None, 10))
SECTORS = ("pa", "ph_adultes", "ph_enfants", "domicile", "protection_enfance", "ahi")


def _size(rng: random.Random) -> int:
    """Skewed OG size: mostly 1–5 ESSMS, some 6–14, a few 20–100."""
    draw = rng.random()
    if draw < 0.85:
        return rng.choices((1, 2, 3, 4, 5), weights=(35, 25, 18, 12, 10))[0]
    if draw < 0.96:
        return rng.randint(6, 14)
    return round(math.exp(rng.uniform(math.log(20), math.log(100))))


def _offset(lat: float, lon: float, dx_km: float, dy_km: float) -> tuple[float, float]:
    lat_km = KM_PER_DEGREE
    lon_km = KM_PER_DEGREE * math.cos(math.radians(lat))
    return (round(lat + dy_km / lat_km, 5), round(lon + dx_km / lon_km, 5))


def random_instance(seed: int, n: int) -> list[Candidate]:
    """``n`` plausible OGs of one région: ESSMS within ~10 km of their OG's home town."""
    rng = random.Random(seed)
    candidates = []
    for i in range(n):
        essms = _size(rng)
        home = _offset(
            *CENTRE, rng.uniform(-1, 1) * HALF_WIDTH_KM, rng.uniform(-1, 1) * HALF_WIDTH_KM
        )
        points: tuple[tuple[float, float], ...] = ()
        if rng.random() >= 0.03:  # a few OGs have no geolocated ESSMS
            points = tuple(_offset(*home, rng.gauss(0, 8), rng.gauss(0, 8)) for _ in range(essms))
        editor = solution = None
        if rng.random() >= 0.1:
            editor = rng.choices(list(EDITORS), weights=EDITOR_WEIGHTS)[0]
            solution = rng.choice(EDITORS[editor])
        hosting = rng.choices([h for h, _ in HOSTINGS], weights=[w for _, w in HOSTINGS])[0]
        maturity = None
        if rng.random() >= 0.15:
            maturity = round(min(4.0, max(0.0, rng.gauss(2.0, 0.8))), 1)
        sectors = frozenset(rng.sample(SECTORS, rng.choice((1, 1, 2, 3))))
        candidates.append(
            Candidate(
                id=i + 1,
                name=f"OG {i + 1}",
                essms=essms,
                points=points,
                editor=editor,
                solution=solution,
                hosting=hosting,
                maturity=maturity,
                sectors=sectors,
            )
        )
    return candidates


@dataclass(frozen=True)
class Comparison:
    seed: int
    n: int
    ratio: float  # heuristic cost / exact cost
    bound_ratio: float  # heuristic cost / exact lower bound: the true ratio is at most this
    optimal: bool  # exact cost proven optimal
    heuristic_s: float
    exact_s: float


def _ratio(cost: float, reference: float) -> float:
    if reference > 0:
        return cost / reference
    return 1.0 if cost <= 0 else math.inf


def run(
    seeds: Iterable[int] = range(20), sizes: tuple[int, int] = (30, 40), time_limit_s: float = 30.0
) -> list[Comparison]:
    """Solve one instance per seed, of ``sizes[0]`` to ``sizes[1]`` OGs, with both solvers."""
    results = []
    for seed in seeds:
        n = random.Random(seed).randint(*sizes)
        candidates = random_instance(seed, n)
        start = time.perf_counter()
        heuristic = suggest_grappes(candidates)
        middle = time.perf_counter()
        exact = exact_partition(candidates, time_limit_s=time_limit_s)
        end = time.perf_counter()
        results.append(
            Comparison(
                seed=seed,
                n=n,
                ratio=_ratio(heuristic.cost, exact.cost),
                bound_ratio=_ratio(heuristic.cost, exact.lower_bound or 0.0),
                optimal=bool(exact.optimal),
                heuristic_s=middle - start,
                exact_s=end - middle,
            )
        )
    return results


def compare(
    seeds: Iterable[int] = range(20), sizes: tuple[int, int] = (30, 40), time_limit_s: float = 30.0
) -> list[float]:
    """Cost ratios heuristic / exact, one per seed (see ``run``)."""
    return [r.ratio for r in run(seeds, sizes, time_limit_s)]


def report(title: str, results: list[Comparison]) -> None:
    print(title)
    for r in results:
        print(
            f"  seed {r.seed:2d}  n={r.n}  ratio {r.ratio:.4f}  (at most {r.bound_ratio:.3f})"
            f"  heuristic {r.heuristic_s:.2f} s  exact {r.exact_s:.1f} s"
            f"{'  optimal' if r.optimal else ''}"
        )
    ratios = [r.ratio for r in results]
    print(
        f"  mean ratio {statistics.mean(ratios):.4f}, worst {max(ratios):.4f} (target mean ≤ 1.05);"
        f" proven optimal {sum(r.optimal for r in results)}/{len(results)};"
        f" mean ceiling from the bound {statistics.mean(r.bound_ratio for r in results):.3f}"
    )
    print(
        f"  mean time: heuristic {statistics.mean(r.heuristic_s for r in results):.2f} s,"
        f" exact {statistics.mean(r.exact_s for r in results):.1f} s"
    )


def main() -> None:
    report("30 to 40 OGs, CP-SAT limited to 30 s:", run())
    report("12 to 16 OGs:", run(seeds=range(100, 120), sizes=(12, 16)))
    candidates = random_instance(0, 2000)
    start = time.perf_counter()
    partition = suggest_grappes(candidates)
    print(
        f"heuristic on 2 000 OGs ({sum(c.essms for c in candidates)} ESSMS): "
        f"{time.perf_counter() - start:.2f} s, {len(partition.groups)} grappes, "
        f"{len(partition.unassigned)} unassigned (target under 10 s)"
    )


if __name__ == "__main__":
    main()
