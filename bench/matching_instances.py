"""Benchmark: grappe suggestion heuristic against the proven optimum, on random instances.

Usage: python bench/matching_instances.py   (about 8 minutes on 2 cores)
Pure part of the matching benchmark (no database): ``random_instance`` draws a plausible
région; ``run`` solves 20 instances of 30 to 40 OGs with the heuristic and with
``matching_bound.proven_partition`` (column generation, at most 60 s each), which proves the
optimum or, when its time runs out, gives a lower bound. Per instance: heuristic / optimum
when proven, and always heuristic / lower bound, a ceiling on the true ratio (equal to the
ratio when proven). ``Comparison.figure`` is the honest figure: the ratio where proven, the
ceiling otherwise; the target is a mean ≤ 1.05. On 12 to 16 OGs the optimum is checked against
the CP-SAT pair model (``matching_exact.exact_partition``). Last, it times the heuristic on
2 000 OGs (target: under 10 s).
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass

from mutualis.grappes.matching import Candidate
from mutualis.grappes.matching_bound import proven_partition
from mutualis.grappes.matching_exact import exact_partition
from mutualis.grappes.matching_heuristic import suggest_grappes

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
    heuristic: float  # heuristic cost
    best: float  # cost of the best partition known (the optimum when proven)
    lower_bound: float  # proven lower bound of the optimum
    optimal: bool  # ``best`` proven optimal
    heuristic_s: float
    exact_s: float
    check: str = ""  # with CP-SAT: "CP-SAT agrees", "CP-SAT DISAGREES", "CP-SAT unproven"

    @property
    def ratio(self) -> float | None:
        """Heuristic / proven optimum, None when not proven."""
        return _ratio(self.heuristic, self.best) if self.optimal else None

    @property
    def ceiling(self) -> float:
        """Heuristic / lower bound: the true ratio is at most this."""
        return _ratio(self.heuristic, self.lower_bound)

    @property
    def figure(self) -> float:
        """The ratio where proven, the ceiling otherwise: never below the true ratio."""
        return self.ceiling if self.ratio is None else self.ratio


def _ratio(cost: float, reference: float) -> float:
    if reference > 0:
        return cost / reference
    return 1.0 if cost <= 0 else math.inf


def run(
    seeds: Iterable[int] = range(20),
    sizes: tuple[int, int] = (30, 40),
    time_limit_s: float = 60.0,
    check: bool = False,
) -> list[Comparison]:
    """Solve one instance per seed, of ``sizes[0]`` to ``sizes[1]`` OGs, with the heuristic and
    the column generation (``check``: also with CP-SAT, to cross-check proven optima)."""
    results = []
    for seed in seeds:
        n = random.Random(seed).randint(*sizes)
        candidates = random_instance(seed, n)
        start = time.perf_counter()
        heuristic = suggest_grappes(candidates)
        middle = time.perf_counter()
        proven = proven_partition(candidates, time_limit_s=time_limit_s, start=heuristic)
        end = time.perf_counter()
        note = ""
        if check and proven.optimal:
            exact = exact_partition(candidates, time_limit_s=time_limit_s)
            note = "CP-SAT unproven"
            if exact.optimal:
                same = abs(exact.cost - proven.cost) <= 1e-6 * max(1.0, proven.cost)
                note = "CP-SAT agrees" if same else "CP-SAT DISAGREES"
        results.append(
            Comparison(
                seed=seed,
                n=n,
                heuristic=heuristic.cost,
                best=proven.cost,
                lower_bound=proven.lower_bound or 0.0,
                optimal=bool(proven.optimal),
                heuristic_s=middle - start,
                exact_s=end - middle,
                check=note,
            )
        )
    return results


def compare(
    seeds: Iterable[int] = range(20), sizes: tuple[int, int] = (30, 40), time_limit_s: float = 60.0
) -> list[float]:
    """Honest cost ratios heuristic / optimum, one per seed (see ``Comparison.figure``)."""
    return [r.figure for r in run(seeds, sizes, time_limit_s)]


def summary(results: list[Comparison]) -> str:
    """Mean and worst of the honest figure, saying what it is made of."""
    figures = [r.figure for r in results]
    proven = sum(r.optimal for r in results)
    kind = f"optimum proven for {proven}/{len(results)}"
    if proven < len(results):
        kind += ", lower bound (a ceiling on the true ratio) for the others"
    return (
        f"heuristic / optimum ({kind}): mean {statistics.mean(figures):.4f},"
        f" worst {max(figures):.4f} (target mean ≤ 1.05)"
    )


def report(title: str, results: list[Comparison]) -> None:
    print(title)
    for r in results:
        ratio = "not proven" if r.ratio is None else f"{r.ratio:.4f}"
        print(
            f"  seed {r.seed:2d}  n={r.n}  heuristic / optimum {ratio:>10}"
            f"  heuristic / bound {r.ceiling:.4f}"
            f"  heuristic {r.heuristic_s:.2f} s  proof {r.exact_s:.1f} s  {r.check}".rstrip()
        )
    proven = [r.ratio for r in results if r.ratio is not None]
    if proven:
        print(
            f"  ratio to the proven optimum ({len(proven)} instances):"
            f" mean {statistics.mean(proven):.4f}, worst {max(proven):.4f}"
        )
    ceilings = [r.ceiling for r in results]
    print(
        f"  ceiling heuristic / lower bound (all {len(results)}):"
        f" mean {statistics.mean(ceilings):.4f}, worst {max(ceilings):.4f}"
    )
    print(f"  {summary(results)}")
    print(
        f"  mean time: heuristic {statistics.mean(r.heuristic_s for r in results):.2f} s,"
        f" proof {statistics.mean(r.exact_s for r in results):.1f} s,"
        f" worst proof {max(r.exact_s for r in results):.1f} s"
    )


def main() -> None:
    start = time.perf_counter()
    report("30 to 40 OGs, column generation limited to 60 s:", run())
    print(f"  total {time.perf_counter() - start:.0f} s")
    report(
        "12 to 16 OGs, checked against CP-SAT:",
        run(seeds=range(100, 120), sizes=(12, 16), time_limit_s=30.0, check=True),
    )
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
