"""Benchmark: partner matching and suggested grappes on the national demo data.

Usage: python bench/matching.py   (DATABASE_URL selects the database; the default is a
throw-away SQLite file filled like ``make run``). Prints the time of the suggestions for the
région with the most open-to-cooperation managing bodies (target under 10 s) and the share of
its suggested grappes that reach the target size, the safety margin above the minimum
(``MUTUALIS["SUGGESTION_TARGET_ESSMS"]``), then the time of the partner
ranking of one managing body (target under 200 ms), then the cost ratio heuristic / optimum
on 20 random instances of 30–40 managing bodies (target mean ≤ 1.05): the optimum proven by
column generation, or, where its 60 s ran out, its lower bound (the ratio is then a ceiling).
"""

from __future__ import annotations

import statistics
import sys
import time

from demo_database import ROOT, prepare

SAMPLES = 20


def main() -> None:
    prepare()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count
    from matching_instances import run

    from mutualis.grappes import candidates, partner_score, suggestion_rules, suggestion_store

    regions = (
        candidates.open_bodies()
        .values("establishments__region")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")
    )
    region = regions[0]["establishments__region"]
    start = time.perf_counter()
    pool = candidates.open_bodies().filter(establishments__region=region).distinct()
    found = candidates.candidates(pool, 2026, "generalisation", region=region)
    target = suggestion_store.target_essms()
    partition = suggestion_rules.suggest(found, 15, target, 50)
    seconds = time.perf_counter() - start
    print(
        f"suggestions, région {region} : {len(found)} organismes, {len(partition.groups)} "
        f"grappes, {len(partition.unassigned)} sans grappe, {seconds:.2f} s (cible < 10 s)"
    )
    share = suggestion_rules.margin_share(partition, target)
    within = "aucune grappe" if share is None else f"{share:.0%}".replace("%", " %")
    print(
        f"grappes suggérées avec la marge de sécurité ({target} ESSMS ou plus, minimum 15) : "
        f"{within}; aucune grappe d'un seul organisme : "
        f"{all(len(g.members) > 1 for g in partition.groups)}"
    )
    timings = []
    for index in range(SAMPLES):
        me = found[index * len(found) // SAMPLES]
        start = time.perf_counter()
        others = candidates.candidates(
            candidates.open_bodies().filter(establishments__region=region).distinct(),
            2026,
            "generalisation",
        )
        partner_score.rank_partners(me, [c for c in others if c.id != me.id], limit=20)
        timings.append(time.perf_counter() - start)
    print(
        f"classement des partenaires (lecture comprise) : médiane "
        f"{statistics.median(timings) * 1000:.0f} ms, pire {max(timings) * 1000:.0f} ms "
        "(cible < 200 ms)"
    )
    results = run()
    # An instance whose column generation found no bound in its time gives no figure (its
    # ceiling would be infinite): counted apart, never averaged.
    bounded = [r for r in results if r.optimal or r.lower_bound > 0]
    figures = [r.figure for r in bounded]
    proven = sum(r.optimal for r in results)
    kind = f"{proven} optimums prouvés"
    if proven < len(bounded):
        others = len(bounded) - proven
        kind += f", borne inférieure (majorant du vrai rapport) pour {others} autres"
    if len(bounded) < len(results):
        kind += f", {len(results) - len(bounded)} sans borne dans le temps imparti (écartées)"
    summary = (
        "aucune"
        if not figures
        else (f"moyenne {statistics.mean(figures):.4f}, pire {max(figures):.4f}")
    )
    print(
        f"heuristique / optimum sur {len(results)} instances de 30 à 40 OG ({kind}) : "
        f"{summary} (cible moyenne ≤ 1,05)"
    )


if __name__ == "__main__":
    main()
