"""Demonstration data of the grappe builder (``make run``): a deterministic share of the
managing bodies declared open to cooperation, so that partner matching and regional
suggestions have something to show, and one grappe selected by the ARS around the demo
managing body, with its funding simulated, so that the agreement and project tracking have
something to follow. Demo databases only (banner on every page)."""

from __future__ import annotations

import random

from django.db import transaction

from mutualis.directory.demo import demo_solutions
from mutualis.directory.models import ManagingBody
from mutualis.grappes import candidates, selectors
from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember
from mutualis.grappes.rules import Programme
from mutualis.grappes.services import write_simulation

SEED = 2026
OPEN_SHARE = 0.35
DEMO_NAME = "Grappe de démonstration — {name}"
DEMO_ESSMS_PER_MEMBER = 8


@transaction.atomic
def seed_demo_grappes(seed: int = SEED) -> int:
    random_ = random.Random(seed)
    ids = list(
        ManagingBody.objects.filter(is_closed=False).order_by("pk").values_list("pk", flat=True)
    )
    chosen = [pk for pk in ids if random_.random() < OPEN_SHARE]
    ManagingBody.objects.update(open_to_cooperation=False)
    ManagingBody.objects.filter(pk__in=chosen).update(open_to_cooperation=True)
    demo_grappe()
    return len(chosen)


def demo_grappe() -> Grappe | None:
    """The demo managing body (the largest of Ain, see directory.demo) and the next largest
    of its département, in a grappe of the 2022 campaign selected by the ARS."""
    bodies = list(
        ManagingBody.objects.filter(departement_id="01", is_closed=False).order_by(
            "-establishment_count", "finess"
        )[:2]
    )
    if not bodies:
        return None
    name = DEMO_NAME.format(name=bodies[0].display_name)[:200]
    if Grappe.objects.filter(carrier=bodies[0], name=name).exists():
        return None
    grappe = Grappe.objects.create(
        name=name,
        programme=Programme.GENERALISATION,
        campaign=2022,
        carrier=bodies[0],
        status=Grappe.Status.SELECTED,
        description="Grappe fictive créée pour la démonstration.",
    )
    solution = demo_solutions()[0][0]  # fictitious, Ségur-referenced in the demo
    excluded = candidates.excluded(grappe.campaign, grappe.programme)  # housing, USLD
    for body in bodies:
        member = GrappeMember.objects.create(
            grappe=grappe, managing_body=body, status=GrappeMember.Status.ACTIVE
        )
        establishments = (
            body.establishments.filter(is_closed=False, category__domain="SOC")
            .exclude(category_id__in=excluded)
            .order_by("finess")
        )
        GrappeEstablishment.objects.bulk_create(
            GrappeEstablishment(
                grappe=grappe,
                member=member,
                establishment=establishment,
                situation="no_dui",
                solution=solution,
                hosting_mode="saas",
            )
            for establishment in establishments[:DEMO_ESSMS_PER_MEMBER]
        )
    grappe.deposit_region_id = selectors.default_deposit_region(grappe)
    grappe.save(update_fields=["deposit_region"])
    write_simulation(None, grappe)
    return grappe
