"""Benchmark: French full-text search of the experience-report library on PostgreSQL.

Usage: python bench/library_search.py [--keep]   (DATABASE_URL selects the PostgreSQL
database; the default is postgres://postgres@127.0.0.1:5432/mutualis_bench_library,
created and dropped by this script, kept with --keep).

Generates 10 000 published reports by recombining the demonstration texts (deterministic),
twice: a thematic corpus (each report retells one demonstration report, with sentences of
others) and a mixed one (worst case: most queries match half of the corpus). On each, runs
200 varied searches through the selector the library page uses (ranking, facet counts,
total, first page with highlighted excerpts) and prints p50/p95 (target p95 < 100 ms) and
the ratio to a baseline measured in the same run: a plain ``icontains`` scan of the same
fields, without ranking, facets or highlighting.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from urllib.parse import urlparse

from demo_database import ROOT

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mutualis_bench_library"
REPORTS = 10_000
SEARCHES = 200
SEED = 2026
QUERIES = [
    "securite",
    "sécurité du SI",
    "groupements d'achat",
    "DUI",
    "RGPD",
    "DPO",
    "hebergement externe",
    "cahier des charges commun",
    "entrepots de donnees",
    "tableaux de bord",
    "marché public",
    "interoperabilite",
    "petites associations",
    "convention",
    "chef de projet",
    '"dossier usager"',
    "tablettes -smartphones",
    "GCSMS or GRADeS",
    "formation des référents",
    "indicateurs d'activité",
    "messagerie sauvegardes",
    "ARS",
    "budget",
    "mutualisation progressive",
]
FACETS = [
    {},
    {},
    {"region": ["84"]},
    {"tag": ["declencheur_commun"]},
    {"type": ["groupement_achat", "personnel"]},
    {"region": ["32", "44"], "tag": ["crainte_absorption"]},
]


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def admin_connection(url: str):
    import psycopg

    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def recreate(url: str, drop_only: bool = False) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    try:
        connection = admin_connection(url)
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL injoignable ({error}) : ce banc d'essai mesure PostgreSQL.")
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def _sentences(text: str) -> list[str]:
    return [part.strip() + "." for part in text.replace("\n", " ").split(". ") if part.strip()]


def generate(rng: random.Random, mixed: bool) -> None:
    """10 000 published reports. Thematic corpus: each report retells one demonstration
    report, every section completed by a sentence of another one with probability 0.3 (a
    query matches a share of the reports close to real use). Mixed corpus (worst case):
    every section is one or two sections of random reports, so most queries match half of
    the corpus or more."""
    from mutualis.initiatives.models import Initiative, InitiativeType
    from mutualis.library import search
    from mutualis.library.demo_texts import REPORTS as DEMO
    from mutualis.library.models import CooperationTag, ExperienceReport
    from mutualis.territories.models import Region

    ExperienceReport.objects.all().delete()
    regions = list(Region.objects.values_list("code", flat=True))
    tags = list(CooperationTag.objects.all())
    initiatives = list(Initiative.objects.all()) or [
        Initiative.objects.create(
            title=f"Initiative {kind.label}", type=kind, summary=kind.label, moderation="published"
        )
        for kind in InitiativeType.objects.all()
    ]
    sections = ["context", "actors", "pooled", "timeline", "worked", "did_not_work"]
    sections += ["benefits", "costs", "advice"]
    reports = []
    for n in range(REPORTS):
        base = rng.choice(DEMO)
        if mixed:
            fields = {
                name: " ".join(rng.choice(DEMO)[name] for _ in range(rng.choice([1, 1, 2])))
                for name in sections
            }
        else:
            fields = {}
            for name in sections:
                text = base[name]
                if rng.random() < 0.3:
                    text += " " + rng.choice(_sentences(rng.choice(DEMO)[name]))
                fields[name] = text
        reports.append(
            ExperienceReport(
                title=f"{base['title']} ({n})",
                initiative=rng.choice(initiatives) if rng.random() < 0.6 else None,
                region_id=rng.choice(regions),
                state=ExperienceReport.State.PUBLISHED,
                published_at=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00Z",
                **fields,
            )
        )
    ExperienceReport.objects.bulk_create(reports, batch_size=1000)
    through = ExperienceReport.tags.through
    links = [
        through(experiencereport_id=report.pk, cooperationtag_id=tag.pk)
        for report in ExperienceReport.objects.only("pk")
        for tag in rng.sample(tags, rng.randint(2, 6))
    ]
    through.objects.bulk_create(links, batch_size=5000)
    start = time.perf_counter()
    search.index_all()
    print(f"index de {REPORTS} retours : {time.perf_counter() - start:.1f} s", flush=True)


def selector_search(query: str, facets: dict) -> int:
    from mutualis.library import selectors

    results = selectors.search(query, **facets)
    hits = results[:10]  # the first page, highlighted
    return results.count() + len(hits) + sum(len(f.values) for f in results.facets)


def baseline_search(query: str, facets: dict) -> int:
    """A plain scan: every word in one of the fields (icontains), newest first."""
    from django.db.models import Q

    from mutualis.library import selectors
    from mutualis.library.search import FIELDS

    queryset = selectors.published()
    for word in query.replace('"', " ").split():
        if not word.startswith("-") and word.lower() != "or":
            queryset = queryset.filter(
                Q.create([(f"{name}__icontains", word) for name in FIELDS], connector=Q.OR)
            )
    rows = list(queryset.order_by("-published_at").values_list("pk", "title")[:10])
    return queryset.count() + len(rows)


def timed(function, cases) -> list[float]:
    timings = []
    for query, facets in cases:
        start = time.perf_counter()
        function(query, facets)
        timings.append(time.perf_counter() - start)
    return timings


def measure(rng: random.Random, corpus: str) -> None:
    from mutualis.library import selectors

    cases = [(QUERIES[i % len(QUERIES)], rng.choice(FACETS)) for i in range(SEARCHES)]
    share = statistics.mean(selectors.search(query).count() / REPORTS for query in QUERIES)
    timed(selector_search, cases[:20])  # warm-up
    ours = timed(selector_search, cases)
    base = timed(baseline_search, cases)
    p50, p95 = statistics.median(ours), percentile(ours, 95)
    b50, b95 = statistics.median(base), percentile(base, 95)
    print(
        f"{corpus} ({share:.0%} des retours trouvés par requête en moyenne) — recherche "
        f"plein texte ({SEARCHES} requêtes : classement, facettes, total, surlignage de la "
        f"1re page) : p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms (cible p95 < 100 ms) ; "
        f"référence icontains (sans classement ni facettes) : p50 {b50 * 1000:.1f} ms, "
        f"p95 {b95 * 1000:.1f} ms ; rapport p50 {p50 / b50:.2f}, p95 {p95 / b95:.2f}",
        flush=True,
    )


def main() -> None:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("Ce banc d'essai mesure PostgreSQL : DATABASE_URL=postgres://…")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    recreate(url)
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connection

        from mutualis.initiatives.reference import load_initiative_types
        from mutualis.library.reference import load_cooperation_tags
        from mutualis.territories.loaders import load_territories

        load_territories()
        load_initiative_types()
        load_cooperation_tags()
        for mixed in (False, True):
            rng = random.Random(SEED)
            generate(rng, mixed)
            with connection.cursor() as cursor:  # what autovacuum does after such a load
                cursor.execute("VACUUM ANALYZE")
            measure(rng, "corpus mélangé (pire cas)" if mixed else "corpus thématique")
    finally:
        from django.db import connections

        connections.close_all()
        if "--keep" not in sys.argv:
            recreate(url, drop_only=True)


if __name__ == "__main__":
    main()
