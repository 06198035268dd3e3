"""Reads of the instruction page: the grappes a regional actor instructs, with their carrier,
members, ESSMS, eligibility, amount and documents, in a fixed number of queries per page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.directory.models import Establishment
from mutualis.grappes import selectors, simulations
from mutualis.grappes.eligibility import Eligibility, assess
from mutualis.grappes.models import FundingSimulation, Grappe, GrappeEstablishment, GrappeMember
from mutualis.grappes.perms import can_instruct


def instructed_grappes(
    user, campaign: int | None = None, status: str | None = None
) -> QuerySet[Grappe]:
    """The grappes of the user's régions: deposited there, or not deposited yet and with
    ESSMS (or a carrier) there; and every grappe the user proposed. National administrators
    see them all."""
    grappes = Grappe.objects.all()
    if not is_national_admin(user):
        regions = region_codes(user)
        in_regions = Exists(
            GrappeEstablishment.objects.filter(
                grappe=OuterRef("pk"), establishment__region__in=regions
            )
        ) | Exists(
            Establishment.objects.filter(managing_body=OuterRef("carrier"), region__in=regions)
        )
        grappes = grappes.filter(
            Q(deposit_region__in=regions)
            | (Q(deposit_region=None) & Q(in_regions))
            | Q(created_by=user)
        )
    if campaign:
        grappes = grappes.filter(campaign=campaign)
    if status:
        grappes = grappes.filter(status=status)
    active = GrappeMember.objects.filter(grappe=OuterRef("pk"), status=GrappeMember.Status.ACTIVE)
    essms = GrappeEstablishment.objects.filter(
        grappe=OuterRef("pk"), member__status=GrappeMember.Status.ACTIVE
    )
    latest = FundingSimulation.objects.filter(grappe=OuterRef("pk")).order_by("-created_at")
    return (
        grappes.select_related("carrier", "deposit_region")
        .annotate(
            member_count=_count(active),
            essms_count=_count(essms),
            latest_simulation=Subquery(latest.values("pk")[:1]),
        )
        .order_by("-campaign", "name", "pk")
    )


def _count(queryset: QuerySet) -> Subquery:
    return Subquery(queryset.order_by().values("grappe").annotate(n=Count("pk")).values("n")[:1])


def campaigns() -> list[int]:
    return list(Grappe.objects.order_by("-campaign").values_list("campaign", flat=True).distinct())


@dataclass(frozen=True)
class Row:
    grappe: Grappe
    members: int
    essms: int
    eligibility: Eligibility
    simulation: FundingSimulation | None
    amount: Decimal | None
    can_read_pack: bool  # the deposit région's actors (no query per row)


def rows(user, grappes: list[Grappe]) -> list[Row]:
    """One row per grappe of a page (``instructed_grappes``): the entries of every grappe,
    the rules and the latest simulations are read once for the page."""
    entries = defaultdict(list)
    chosen = GrappeEstablishment.objects.filter(
        grappe__in=grappes, member__status=GrappeMember.Status.ACTIVE
    ).select_related(*selectors.ENTRY_RELATIONS)
    for entry in chosen:
        entries[entry.grappe_id].append(selectors.essms_facts(entry))
    rules = selectors.rules_for_many({(g.programme, g.campaign) for g in grappes})
    frozen = FundingSimulation.objects.in_bulk(
        [g.latest_simulation for g in grappes if g.latest_simulation]
    )
    found = []
    for grappe in grappes:
        simulation = frozen.get(grappe.latest_simulation)
        found.append(
            Row(
                grappe=grappe,
                members=grappe.member_count or 0,
                essms=grappe.essms_count or 0,
                eligibility=assess(
                    grappe.programme,
                    grappe.campaign,
                    rules[(grappe.programme, grappe.campaign)],
                    entries[grappe.pk],
                ),
                simulation=simulation,
                amount=simulations.scenarios(simulation)[0][1].total if simulation else None,
                can_read_pack=can_instruct(user, grappe),
            )
        )
    return found
