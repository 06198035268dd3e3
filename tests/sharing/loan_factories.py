"""Builders of the loan tests: an accepted sharing request between two bodies, its loan,
signed or not (the sharing helper's factories build listings and requests in general)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.sharing import loan_services
from mutualis.sharing.loan_services import LoanTerms
from mutualis.sharing.models import Listing, SharingRequest, Skill, Vehicle
from tests.factories import ManagingBodyFactory, MembershipFactory


def body_and_admin(name: str, **fields):
    body = ManagingBodyFactory(name=name, **fields)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    return body, admin


def period(months_before: int = 2, months_after: int = 9) -> tuple[datetime.date, datetime.date]:
    """A period from the first day ``months_before`` months ago to the end of a later month."""
    today = timezone.localdate().replace(day=1)
    start = today
    for _ in range(months_before):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    end = today
    for _ in range(months_after + 1):
        end = (end + datetime.timedelta(days=32)).replace(day=1)
    return start, end - datetime.timedelta(days=1)


def accepted_request(provider, beneficiary, *, skill="dpo", user=None, direction="offer"):
    """``provider`` offers (or ``beneficiary`` needs, direction "need") the skill; the other
    body asked and was accepted."""
    start, end = period()
    owner, requester = (provider, beneficiary) if direction == "offer" else (beneficiary, provider)
    listing = Listing.objects.create(
        direction=direction,
        managing_body=owner,
        skill=Skill.objects.get(code=skill),
        title="DPO mutualisé",
        days_per_month=Decimal(2),
        starts_on=start,
        ends_on=end,
        region_id="84",
    )
    return SharingRequest.objects.create(
        listing=listing,
        requester=requester,
        message="Bonjour",
        status=SharingRequest.Status.ACCEPTED,
        created_by=user,
        decided_at=timezone.now(),
    )


def terms(**overrides) -> LoanTerms:
    start, end = period()
    values = {
        "resource": "Délégué à la protection des données, mutualisé",
        "person_label": "Camille, DPO",
        "days_per_month": Decimal(2),
        "daily_cost": Decimal("350"),
        "cost_method": "at_cost",
        "starts_on": start,
        "ends_on": end,
        "notice_days": 30,
        "vehicle": Vehicle.objects.get(code="pret-non-lucratif"),
    }
    values.update(overrides)
    return LoanTerms(**values)


def loan_between(provider_pair, beneficiary_pair, *, signed=False, **overrides):
    (provider, provider_admin), (beneficiary, beneficiary_admin) = provider_pair, beneficiary_pair
    request = accepted_request(provider, beneficiary)
    loan = loan_services.prepare_loan(provider_admin, request, terms(**overrides))
    if signed:
        loan_services.sign_loan(
            provider_admin, loan, provider.pk, signer_name="Claire Martin", capacity="Directrice"
        )
        loan = loan_services.sign_loan(
            beneficiary_admin,
            loan,
            beneficiary.pk,
            signer_name="Paul Durand",
            capacity="Président",
        )
    return loan
