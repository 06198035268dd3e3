"""Benchmark: ranking 10 000 offers of shared resources for one need (pure matching).

Usage: python bench/sharing_matching.py   (no database: ``mutualis.sharing.matching`` is pure).
Generates 10 000 offers spread over mainland France (deterministic), all kinds and skills,
and ranks them for 50 needs; prints the median and worst time (target < 200 ms) and the ratio
to a baseline measured in the same run: computing only the raw great-circle distance of every
offer (the least any ranking has to do).
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFERS = 10_000
NEEDS = 50
SEED = 2026
SKILLS = [("dpo", "role"), ("rssi", "role"), ("chef-projet-si", "role"), ("serveur", "equipment")]


def side(rng, matching, id: int, direction: str):
    skill, kind = rng.choice(SKILLS)
    start = datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return matching.Side(
        id=id,
        direction=direction,
        skill=skill,
        kind=kind,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=rng.randrange(30, 700)),
        days=None if kind == "equipment" else rng.choice([0.5, 1.0, 2.0, 4.0, 8.0]),
        point=(rng.uniform(42.5, 51.0), rng.uniform(-4.5, 8.0)),
        max_km=rng.choice([None, 50.0, 100.0, 300.0]),
        skill_label=skill,
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from mutualis.grappes.matching import haversine_km
    from mutualis.sharing import matching

    rng = random.Random(SEED)
    offers = [side(rng, matching, i, "offer") for i in range(OFFERS)]
    needs = [side(rng, matching, OFFERS + i, "need") for i in range(NEEDS)]
    timings, baseline = [], []
    for need in needs:
        start = time.perf_counter()
        matching.rank(need, offers, limit=20)
        timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        [haversine_km(need.point, o.point) for o in offers]
        baseline.append(time.perf_counter() - start)
    median, worst = statistics.median(timings), max(timings)
    ratio = median / statistics.median(baseline)
    print(
        f"partage : classement de {OFFERS} offres pour un besoin, médiane "
        f"{median * 1000:.0f} ms, pire {worst * 1000:.0f} ms (cible < 200 ms) ; "
        f"rapport au seul calcul des distances : {ratio:.1f}"
    )


if __name__ == "__main__":
    main()
