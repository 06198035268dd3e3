"""Demonstration specification (``make run``): for a demo grappe of the demo account's body
(FINESS 750808511, else the first demo grappe), a common specification rated by its members
(deterministic pseudo-random), the consensus accepted, every other item arbitrated with its reason,
two offers with coverage, prices and marks, a decision, published (its experience report
awaiting moderation) with one generated version. Idempotent (skipped once a
demo specification exists); nothing personal is written; vendors are fictitious."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mutualis.core import audit
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.library import search
from mutualis.library.models import ExperienceReport
from mutualis.specifications import publication, services
from mutualis.specifications.models import (
    Coverage,
    Criterion,
    Importance,
    Item,
    Mark,
    Offer,
    PriceLine,
    Rating,
    SadMode,
    SadSector,
    Specification,
)

SEED = 2026
DEMO_BODY = "750808511"
DEMO_GRAPPE_PREFIX = "Grappe de démonstration"
MEMBERS = 3
# Weights of a member's rating: most requirements wished or indispensable.
RATING_WEIGHTS = (
    (Importance.INDISPENSABLE, 4),
    (Importance.WISHED, 4),
    (Importance.USEFUL, 2),
    (Importance.NOT_APPLICABLE, 1),
)
ARBITRATIONS = (
    (Importance.INDISPENSABLE, "Exigence de sécurité : retenue indispensable par le comité."),
    (Importance.WISHED, "Utile à deux membres sur trois : souhaitée, sans exclure d'offre."),
    (Importance.USEFUL, "Besoin propre à un membre : utile, à couvrir dans un second temps."),
)
LEVELS = list(Importance.values)  # from the most to the least important
STRONGEST = "Divergence entre membres : le comité retient l'importance la plus forte."
OFFERS = (
    ("Éditeur de démonstration A", "Dossier usager A (démo)", (0.8, 0.15), "45000", "18000"),
    ("Éditeur de démonstration B", "Dossier usager B (démo)", (0.6, 0.25), "30000", "22000"),
)


def demo_grappe() -> Grappe | None:
    demo = Grappe.objects.filter(name__startswith=DEMO_GRAPPE_PREFIX).order_by("pk")
    return (
        demo.filter(
            members__managing_body__finess=DEMO_BODY,
            members__status=GrappeMember.Status.ACTIVE,
        ).first()
        or demo.first()
    )


def _weighted(random_: random.Random, weights) -> str:
    return random_.choices([value for value, _ in weights], [w for _, w in weights])[0]


@transaction.atomic
def seed_demo_specifications(seed: int = SEED) -> int:
    """Create the demonstration specification once; return how many were created."""
    if Specification.objects.filter(is_demo=True).exists():
        return 0
    grappe = demo_grappe()
    if grappe is None:
        return 0
    random_ = random.Random(seed)
    now = timezone.now()
    specification = services.start_specification(
        None,
        grappe,
        "Cahier des charges commun du DUI (démonstration)",
        "Choisir ensemble un dossier usager informatisé pour les ESSMS de la grappe, hébergé "
        "en SaaS chez un hébergeur certifié HDS.",
        is_demo=True,
    )
    items = list(specification.items.order_by("position"))
    members = list(
        grappe.members.filter(status=GrappeMember.Status.ACTIVE)
        .select_related("managing_body")
        .order_by("pk")[:MEMBERS]
    )
    ratings = {item.pk: [_weighted(random_, RATING_WEIGHTS) for _ in members] for item in items}
    Rating.objects.bulk_create(
        Rating(item=item, managing_body=member.managing_body, importance=importance)
        for item in items
        for member, importance in zip(members, ratings[item.pk], strict=True)
    )
    # The consensus (every member rated alike) is accepted; then a few arbitrations.
    arbitrated = []
    for item in items:
        values = set(ratings[item.pk])
        if len(values) == 1:
            item.importance = values.pop()
            item.arbitration_reason = "Consensus des membres."
            arbitrated.append(item)
    disputed = [item for item in items if not item.importance]
    for item, (importance, reason) in zip(disputed, ARBITRATIONS, strict=False):
        item.importance = importance
        item.arbitration_reason = reason
        arbitrated.append(item)
    for item in disputed[len(ARBITRATIONS) :]:  # so that the offers can be ranked
        item.importance = min(ratings[item.pk], key=LEVELS.index)
        item.arbitration_reason = STRONGEST
        arbitrated.append(item)
    for item in arbitrated:
        item.arbitrated_at = now
    Item.objects.bulk_update(arbitrated, ["importance", "arbitration_reason", "arbitrated_at"])
    offers = []
    criteria = list(specification.criteria.filter(kind=Criterion.Kind.MARK))
    for vendor, solution, (covered, partial), one_off, yearly in OFFERS:
        offer = Offer.objects.create(
            specification=specification,
            vendor=vendor,
            solution=solution,
            received_on=timezone.localdate() - datetime.timedelta(days=20),
            notes="Offre fictive de démonstration.",
        )
        Coverage.objects.bulk_create(
            Coverage(offer=offer, item=item, level=_coverage(random_.random(), covered, partial))
            for item in items
        )
        PriceLine.objects.bulk_create(
            [
                PriceLine(
                    offer=offer,
                    label="Installation, reprise des données, formation",
                    kind=PriceLine.Kind.ONE_OFF,
                    amount=Decimal(one_off),
                ),
                PriceLine(
                    offer=offer,
                    label="Abonnement SaaS et hébergement HDS",
                    kind=PriceLine.Kind.YEARLY,
                    amount=Decimal(yearly),
                ),
            ]
        )
        Mark.objects.bulk_create(
            Mark(
                offer=offer,
                criterion=criterion,
                value=Decimal(random_.randint(10, 18)) / 2,
            )
            for criterion in criteria
        )
        offers.append(offer)
    specification.sad_sector = SadSector.ELDERLY
    specification.sad_mode = SadMode.SAAS
    specification.ars_prevalidated_on = timezone.localdate() - datetime.timedelta(days=60)
    specification.chosen_offer = offers[0]
    specification.decision_reason = (
        "Meilleure couverture des exigences indispensables ; coût sur la durée du marché "
        "comparable ; réversibilité des données garantie au contrat."
    )
    specification.decided_at = now
    specification.status = Specification.Status.DECIDED
    specification.published_at = now
    specification.report = _report(specification)
    specification.save()
    audit.record(None, "specifications.demo", specification, {"demo": True})
    publication.generate_documents(None, specification)
    return 1


def _report(specification: Specification) -> ExperienceReport:
    """The experience report publication proposes, awaiting moderation, without an author."""
    sections = publication.report_sections(
        specification, reverse("specifications:public", args=[specification.uid])
    )
    report = ExperienceReport.objects.create(
        **sections, state=ExperienceReport.State.PROPOSED, is_demo=True
    )
    search.index(report)
    return report


def _coverage(draw: float, covered: float, partial: float) -> str:
    if draw < covered:
        return Coverage.Level.COVERED
    if draw < covered + partial:
        return Coverage.Level.PARTIAL
    return Coverage.Level.NOT_COVERED
