"""The demonstration plan (``make run``): the demo workshop's ranking turned into a published
six-month plan for Auvergne-Rhône-Alpes, opened two months ago, with owners among the demo
organisations, progress and a timeline. Deterministic and idempotent."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from mutualis.accounts.models import Membership, MembershipRole, User
from mutualis.actionplans import services
from mutualis.actionplans.models import Action, ActionPlan
from mutualis.directory.models import ManagingBody
from mutualis.library import selectors as library
from mutualis.territories.models import Region
from mutualis.workshops.demo import WORKSHOP_TITLE
from mutualis.workshops.models import Workshop

REGION = "84"
FACILITATOR = "ars@demo.mutualis.fr"
OWNER_ADMIN = "direction@demo.mutualis.fr"
OPENED_DAYS_AGO = 60
TITLE = "Plan d'action à 6 mois — démonstration"

# (lever, title, owner kind, owner label, start day, due day, updates: (day, text, status, %))
ACTIONS = [
    (
        "D",
        "Ouvrir un espace régional de partage des retours d'expérience",
        "collectif",
        "Collectif SI médico-social",
        0,
        90,
        [(20, "Trois retours d'expérience recueillis.", "doing", 40)],
    ),
    (
        "E",
        "Rédiger une feuille de route commune ESMS, OG, tutelles, éditeurs, GRADeS",
        "grades",
        "Cellule d'accompagnement",
        10,
        150,
        [(30, "Premier atelier de co-construction tenu.", "doing", 25)],
    ),
    (
        "C",
        "Proposer des règles de mutualisation progressives (périmètre et taille)",
        "ars",
        "Direction de l'autonomie",
        0,
        45,
        [(25, "Note validée en comité régional.", "done", None)],
    ),
    (
        "A",
        "Accompagner un organisme pilote dans un DUI partagé à plusieurs niveaux de maturité",
        "body",
        "",
        5,
        55,
        [(40, "Diagnostic de maturité des établissements réalisé.", "doing", 30)],
    ),
    ("F", "Présenter aux tutelles un budget d'accompagnement", "body", "", 30, 120, []),
]


def _owner_body() -> ManagingBody | None:
    membership = (
        Membership.objects.filter(user__email=OWNER_ADMIN, role=MembershipRole.ADMIN)
        .select_related("managing_body")
        .first()
    )
    if membership is not None:
        return membership.managing_body
    return ManagingBody.objects.filter(departement__region_id=REGION).order_by("finess").first()


@transaction.atomic
def seed_demo_actionplans(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    workshop = Workshop.objects.filter(title=WORKSHOP_TITLE, is_demo=True).first()
    region = Region.objects.filter(code=REGION).first()
    if workshop is None or region is None or ActionPlan.objects.filter(is_demo=True).exists():
        return 0
    facilitator = User.objects.filter(email=FACILITATOR).first()
    opened = today - datetime.timedelta(days=OPENED_DAYS_AGO)
    plan = services.open_plan(
        facilitator, region, workshop=workshop, title=TITLE, today=opened, is_demo=True
    )
    body = _owner_body()
    report = library.published().order_by("pk").first()
    for lever, title, kind, label, start, due, updates in ACTIONS:
        if kind == Action.OwnerKind.BODY and body is None:
            kind, label = Action.OwnerKind.OTHER, "Organisme pilote"
        action = services.add_action(
            facilitator,
            plan,
            lever_code=lever,
            title=title,
            owner_kind=kind,
            owner_body=body if kind == Action.OwnerKind.BODY else None,
            owner_label=label,
            starts_on=opened + datetime.timedelta(days=start),
            due_on=opened + datetime.timedelta(days=due),
        )
        for day, text, status, progress in updates:
            services.record_update(
                facilitator,
                action,
                opened + datetime.timedelta(days=day),
                text,
                status,
                progress,
                today=today,
            )
        if lever == "D" and report is not None:
            action.reports.add(report)
    services.set_published(facilitator, plan, True)
    return 1
