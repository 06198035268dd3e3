"""Benchmark: generating the cooperation agreement of a 49-ESSMS grappe (target under 3 s).

Usage: python bench/agreement.py   (DATABASE_URL selects the database; the default is a
throw-away SQLite file with the national FINESS file loaded). Builds a grappe of real ESSMS of
the directory (the managing bodies of one département, up to 49 ESSMS, all eligible), simulates
its funding, then times ``services.generate_version`` (grappe data, DOCX, PDF, storage) and its
parts; the baseline is the same generation for a one-ESSMS sample agreement.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time

from demo_database import ROOT, STEPS, prepare

RUNS = 5
TARGET_ESSMS = 49


def _grappe():
    from mutualis.directory.models import Establishment, ManagingBody, Solution
    from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember

    bodies, total = [], 0
    candidates = ManagingBody.objects.filter(
        establishment_count__gte=2, establishment_count__lte=12, departement__code="63"
    ).order_by("-establishment_count", "finess")
    for body in candidates:
        if total + body.establishment_count > TARGET_ESSMS:
            continue
        bodies.append(body)
        total += body.establishment_count
        if total == TARGET_ESSMS:
            break
    grappe = Grappe.objects.create(
        name="Grappe du banc d'essai", campaign=2024, carrier=bodies[0], status="selected"
    )
    solution = Solution.objects.order_by("pk").first()
    for body in bodies:
        member = GrappeMember.objects.create(grappe=grappe, managing_body=body, status="active")
        GrappeEstablishment.objects.bulk_create(
            GrappeEstablishment(
                grappe=grappe,
                member=member,
                establishment=e,
                situation="no_dui",
                solution=solution,
                hosting_mode="saas",
            )
            for e in Establishment.objects.filter(managing_body=body, is_closed=False)
        )
    return grappe


def main() -> None:
    prepare(STEPS[:5])  # reference data, programme rules and the national FINESS file
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="mutualis-bench-media-")
    from mutualis.accounts.models import Membership, MembershipRole, User
    from mutualis.agreements import documents, services
    from mutualis.agreements.sample import sample_document
    from mutualis.grappes import services as grappe_services

    actor = User.objects.create_user(email="banc@mutualis.local", password=None)
    grappe = _grappe()
    Membership.objects.create(user=actor, managing_body=grappe.carrier, role=MembershipRole.ADMIN)
    grappe_services.simulate_funding(actor, grappe)
    agreement = services.create_agreement(actor, grappe)
    essms = grappe.establishments.count()

    services.generate_version(actor, agreement)  # warm-up: fonts, templates
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        version = services.generate_version(actor, agreement)
        timings.append(time.perf_counter() - start)
    document = documents.render_context(version.clauses, version.context, 1, draft=True)
    start = time.perf_counter()
    documents.render_docx(document)
    docx_s = time.perf_counter() - start
    start = time.perf_counter()
    documents.render_pdf(document)
    pdf_s = time.perf_counter() - start
    sample = sample_document()
    baseline = []
    for _ in range(RUNS):
        start = time.perf_counter()
        documents.render_docx(sample)
        documents.render_pdf(sample)
        baseline.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(
        f"convention de {essms} ESSMS ({grappe.members.count()} organismes) : médiane "
        f"{median:.2f} s, pire {max(timings):.2f} s sur {RUNS} (cible < 3 s) ; "
        f"DOCX {docx_s:.2f} s, PDF {pdf_s:.2f} s ; "
        f"référence 1 ESSMS {statistics.median(baseline):.2f} s, "
        f"ratio {median / statistics.median(baseline):.1f}"
    )


if __name__ == "__main__":
    main()
