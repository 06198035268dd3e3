"""Demonstration initiatives (``make run``): a dozen pooling initiatives of every type, spread
over the régions, between real managing bodies of the directory, published and marked as
demonstration (titles say so). Deterministic and idempotent."""

from __future__ import annotations

import random

from django.db import transaction

from mutualis.directory.models import ManagingBody
from mutualis.initiatives.models import Initiative, InitiativeType, SiDomain

SEED = 2026
PREFIX = "[Démonstration] "
INITIATIVES = [  # (type, title, domains, summary)
    (
        "cahier_des_charges",
        "Cahier des charges commun du DUI",
        ["dui", "services_socles"],
        "Deux organismes écrivent ensemble les besoins de leur futur dossier usager : "
        "fonctions attendues, interopérabilité avec les services socles, reprise des données.",
    ),
    (
        "groupement_achat",
        "Groupement de commandes de postes de travail",
        ["poste_travail"],
        "Achat groupé de postes et de tablettes pour les équipes de terrain, avec un "
        "marché commun et des prix négociés pour les petites structures.",
    ),
    (
        "achat_logiciel",
        "Même logiciel de gestion pour cinq associations",
        ["gestion"],
        "Cinq associations choisissent le même logiciel de paie et de gestion des temps et "
        "partagent son paramétrage.",
    ),
    (
        "infrastructure",
        "Hébergement et messagerie mutualisés",
        ["infrastructure", "securite"],
        "Un hébergement commun, une messagerie et des sauvegardes partagées entre membres.",
    ),
    (
        "personnel",
        "DPO partagé entre organismes gestionnaires",
        ["securite"],
        "Un délégué à la protection des données partagé, mis à disposition à temps partiel.",
    ),
    (
        "entrepot_donnees",
        "Entrepôt de données de pilotage",
        ["pilotage"],
        "Les indicateurs d'activité des établissements réunis dans un entrepôt commun.",
    ),
    (
        "dossier_usager_commun",
        "Dossier usager commun d'un parcours handicap",
        ["dui", "interoperabilite"],
        "Les structures d'un même parcours partagent le dossier de la personne accompagnée.",
    ),
    (
        "structure_juridique",
        "GCSMS pour le système d'information",
        ["infrastructure", "formation"],
        "Un groupement de coopération sociale et médico-sociale porte le SI de ses membres.",
    ),
]
BODIES_PER_INITIATIVE = 3


@transaction.atomic
def seed_demo_initiatives(seed: int = SEED) -> int:
    random_ = random.Random(seed)
    regions = list(
        ManagingBody.objects.filter(is_closed=False, establishment_count__gte=2)
        .values_list("establishments__region", flat=True)
        .distinct()
        .order_by("establishments__region")
    )
    regions = [r for r in regions if r]
    created = 0
    for index, (code, title, domains, summary) in enumerate(INITIATIVES * 2):
        region = regions[(index * 7) % len(regions)] if regions else None
        full_title = f"{PREFIX}{title}" + (" (2)" if index >= len(INITIATIVES) else "")
        initiative, was_created = Initiative.objects.get_or_create(
            title=full_title,
            is_demo=True,
            defaults={
                "type": InitiativeType.objects.get(code=code),
                "summary": summary,
                "region_id": region,
                "stage": random_.choice(["planned", "ongoing", "ongoing", "completed"]),
                "moderation": Initiative.Moderation.PUBLISHED,
            },
        )
        if not was_created:
            continue
        initiative.domains.set(SiDomain.objects.filter(code__in=domains))
        bodies = list(
            ManagingBody.objects.filter(
                is_closed=False, establishment_count__gte=2, establishments__region=region
            )
            .distinct()
            .order_by("finess")
            .values_list("pk", flat=True)[:200]
        )
        initiative.managing_bodies.set(
            random_.sample(bodies, min(BODIES_PER_INITIATIVE, len(bodies)))
        )
        created += 1
    return created
