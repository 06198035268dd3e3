"""Demonstration data (``make run``): the demo body (directory.demo) receives a DPO from the
next largest body of the Ain, 2 days a month, under a signed convention de mise à
disposition with the days used of the months past. Deterministic and idempotent; signatories
are named as demonstration."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mutualis.directory.models import ManagingBody
from mutualis.sharing import loan_rules, loan_services
from mutualis.sharing.loan_models import DaysUsed, Loan
from mutualis.sharing.models import Listing, SharingRequest, Skill, Vehicle

SIGNATORY, CAPACITY = "Signataire de démonstration", "Direction"
DAYS = (Decimal(2), Decimal("1.5"), Decimal(2), Decimal("2.5"))  # months past, in order


def _month(today: datetime.date, shift: int) -> datetime.date:
    month = today.replace(day=1)
    step = 32 if shift > 0 else -1
    for _ in range(abs(shift)):
        month = (month + datetime.timedelta(days=step)).replace(day=1)
    return month


def _bodies() -> tuple[ManagingBody, ManagingBody] | None:
    found = list(
        ManagingBody.objects.filter(departement_id="01", is_closed=False)
        .select_related("departement")
        .order_by("-establishment_count", "finess")[:2]
    )
    return (found[1], found[0]) if len(found) == 2 else None  # (provider, demo body)


@transaction.atomic
def seed_demo_loans(today: datetime.date | None = None) -> int:
    """Create the demonstration loan once; return how many were created."""
    today = today or timezone.localdate()
    bodies = _bodies()
    if bodies is None or Loan.objects.filter(is_demo=True).exists():
        return 0
    provider, beneficiary = bodies
    start = _month(today, -len(DAYS))
    end = _month(today, 9) - datetime.timedelta(days=1)
    listing = Listing.objects.create(
        direction=Listing.Direction.OFFER,
        managing_body=provider,
        skill=Skill.objects.get(code="dpo"),
        title="DPO mutualisé, 2 jours par mois",
        description="Notre déléguée à la protection des données accompagne un autre organisme.",
        days_per_month=Decimal(2),
        starts_on=start,
        ends_on=end,
        vehicle=Vehicle.objects.get(code=loan_rules.NON_PROFIT_LENDING),
        region_id=provider.departement.region_id,
        is_demo=True,
    )
    request = SharingRequest.objects.create(
        listing=listing,
        requester=beneficiary,
        message="Nous cherchons un DPO pour nos établissements.",
        status=SharingRequest.Status.ACCEPTED,
        decided_at=timezone.now(),
    )
    loan = Loan.objects.create(
        request=request,
        provider=provider,
        beneficiary=beneficiary,
        skill=listing.skill,
        resource="Déléguée à la protection des données (DPO), mutualisée",
        person_label="DPO",
        days_per_month=Decimal(2),
        daily_cost=Decimal(350),
        cost_method=Loan.CostMethod.AT_COST,
        starts_on=start,
        ends_on=end,
        notice_days=60,
        vehicle=listing.vehicle,
        is_demo=True,
    )
    loan_services.store_documents(None, loan)
    for body in (provider, beneficiary):
        loan = loan_services.write_signature(
            None, loan, body.pk, signer_name=SIGNATORY, capacity=CAPACITY
        )
    DaysUsed.objects.bulk_create(
        DaysUsed(loan=loan, month=_month(today, i - len(DAYS)), days=days, note="Démonstration")
        for i, days in enumerate(DAYS)
    )
    return 1
