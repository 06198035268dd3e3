"""Benchmark: the page where a member chooses its ESSMS, for an organisation of 700 ESSMS
(target under 1 s, issue #16 §1).

Usage: python bench/grappe_entries.py   (DATABASE_URL selects the database; the default is a
throw-away SQLite file with the reference data and the programme rules, no FINESS file).
Builds a managing body of 700 open ESSMS and a draft grappe it carries, then times through
Django's test client (middleware, templates, sessions: the whole request) the page GET with
every ESSMS in the grappe, and a bulk include of the 700 ESSMS (confirmed), each emptied
again before the next run; prints the medians, their query counts, and the ratio to the same
requests for an organisation of 7 ESSMS measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time

from demo_database import ROOT, STEPS, prepare

RUNS = 7
LARGE, SMALL = 700, 7
TARGET_S = 1.0


def _body(n: int, prefix: str):
    """A managing body of ``n`` open ESSMS (EHPADs and SESSADs of the Ain and the Rhône),
    written in one query, its administrator, and the ESSMS page of a grappe it carries."""
    from django.urls import reverse

    from mutualis.accounts.models import Membership, MembershipRole, User
    from mutualis.directory.models import Establishment, ManagingBody
    from mutualis.directory.search_names import establishment_search_name
    from mutualis.grappes import services

    body = ManagingBody.objects.create(
        finess=f"{prefix}0000000",
        name=f"Réseau du banc d'essai {n}",
        display_name=f"Réseau du banc d'essai {n}",
        departement_id="01",
        establishment_count=n,
    )
    rows = []
    for i in range(n):
        lyon = i % 3 == 0
        name = f"{'EHPAD' if i % 2 else 'SESSAD'} du banc {i:03d}"
        city = "LYON" if lyon else "BOURG EN BRESSE"
        rows.append(
            Establishment(
                finess=f"{prefix}{1_000_000 + i:07d}",
                managing_body=body,
                name=name,
                search_name=establishment_search_name(name, "", city),
                category_id="500" if i % 2 else "182",
                departement_id="69" if lyon else "01",
                region_id="84",
                postal_code="69003" if lyon else "01000",
                city=city,
            )
        )
    Establishment.objects.bulk_create(rows, batch_size=1000)
    admin = User.objects.create_user(email=f"banc-{n}@mutualis.local", password=None)
    Membership.objects.create(user=admin, managing_body=body, role=MembershipRole.ADMIN)
    grappe = services.create_grappe(admin, body, f"Grappe {n}", "generalisation", 2024)
    url = reverse("grappes:entries", args=[grappe.uid, grappe.members.get().pk])
    return admin, grappe, url


def _measure(admin, grappe, url, n: int) -> dict[str, tuple[float, int]]:
    """Median seconds and query count of the bulk include and of the page GET."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mutualis.directory.models import Solution

    client = Client()
    client.force_login(admin)
    solution = Solution.objects.order_by("pk").first()
    include = {
        "portee": "filtres",
        "action": "inclure",
        "situation": "no_dui",
        "solution": solution.pk,
        "hebergement": "saas",
        "confirme": n,
    }
    timings: dict[str, list[float]] = {"include": [], "get": []}
    queries: dict[str, int] = {}
    for run in range(RUNS + 1):  # the first run warms templates and caches up
        grappe.establishments.all().delete()
        for name, request in (
            ("include", lambda: client.post(url, include)),
            ("get", lambda: client.get(url)),
        ):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = request()
                elapsed = time.perf_counter() - start
            if response.status_code not in (200, 302):
                raise RuntimeError(f"{name}: HTTP {response.status_code}")
            if run:
                timings[name].append(elapsed)
            queries[name] = len(captured)
    if grappe.establishments.count() != n:
        raise RuntimeError(f"{grappe.establishments.count()} ESSMS écrits au lieu de {n}")
    return {name: (statistics.median(values), queries[name]) for name, values in timings.items()}


def main() -> None:
    prepare([STEPS[0], STEPS[1], STEPS[3]])  # migrate, reference data, programme rules
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, in-memory e-mail
    large = _measure(*_body(LARGE, "01"), LARGE)
    small = _measure(*_body(SMALL, "02"), SMALL)
    for name, label in (("get", "page (GET)"), ("include", "inclusion groupée")):
        seconds, count = large[name]
        base_seconds, base_count = small[name]
        print(
            f"{label}, {LARGE} ESSMS : médiane {seconds * 1000:.0f} ms sur {RUNS} "
            f"(cible < {TARGET_S:.0f} s), {count} requêtes SQL ; "
            f"référence {SMALL} ESSMS {base_seconds * 1000:.0f} ms, {base_count} requêtes ; "
            f"ratio {seconds / base_seconds:.1f}"
        )


if __name__ == "__main__":
    main()
