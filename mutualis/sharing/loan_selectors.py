"""Reads of conventions de mise à disposition, filtered by what the user may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mutualis.accounts.actor import actor_of
from mutualis.sharing import loan_rules
from mutualis.sharing.loan_models import DaysUsed, Loan, LoanDocument, LoanSignature
from mutualis.sharing.loan_perms import OPEN, can_view_loan
from mutualis.sharing.models import SharingRequest

RELATED = ("provider", "beneficiary", "skill", "vehicle", "request__listing")


def loans_for(user) -> QuerySet[Loan]:
    """The loans of the bodies the user belongs to."""
    bodies = actor_of(user).body_ids
    return (
        Loan.objects.filter(Q(provider__in=bodies) | Q(beneficiary__in=bodies))
        .select_related(*RELATED)
        .order_by("-created_at")
    )


def loan_for(user, uid) -> Loan:
    """The loan if the user may read it; 404 otherwise (never says it exists)."""
    loan = Loan.objects.select_related(*RELATED).filter(uid=uid).first()
    if loan is None or not can_view_loan(user, loan):
        raise Http404("Convention de mise à disposition introuvable.")
    return loan


def request_for_loan(uid) -> SharingRequest:
    found = (
        SharingRequest.objects.select_related("listing__skill", "requester", "requester_listing")
        .select_related("listing__managing_body")
        .filter(uid=uid)
        .first()
    )
    if found is None:
        raise Http404("Demande introuvable.")
    return found


def current_signatures(loan: Loan) -> dict[int, LoanSignature]:
    """The signatures of the current version, by managing body id."""
    return {
        s.managing_body_id: s
        for s in loan.signatures.filter(version=loan.version, voided_at=None).select_related(
            "managing_body"
        )
    }


def documents(loan: Loan) -> list[LoanDocument]:
    """Every stored document, newest version first, the signed edition before the draft."""
    return list(loan.documents.all())


def document(loan: Loan, version: int, kind: str, signed: bool) -> LoanDocument:
    found = loan.documents.filter(version=version, kind=kind, signed=signed).first()
    if found is None:
        raise Http404("Document introuvable.")
    return found


def days_used(loan: Loan) -> list[DaysUsed]:
    return list(loan.days_used.select_related("recorded_by").order_by("month"))


def totals(loan: Loan, rows: list[DaysUsed] | None = None) -> loan_rules.Totals:
    rows = days_used(loan) if rows is None else rows
    return loan_rules.totals(
        loan.days_per_month,
        loan.starts_on,
        loan.ends_on,
        loan.daily_cost,
        [r.days for r in rows],
        timezone.localdate(),
    )


def to_sign_by(body) -> QuerySet[Loan]:
    """Open loans of the body whose current version it has not signed (one query)."""
    signed = LoanSignature.objects.filter(
        loan=OuterRef("pk"), version=OuterRef("version"), managing_body=body, voided_at=None
    )
    return (
        Loan.objects.filter(Q(provider=body) | Q(beneficiary=body), status__in=OPEN)
        .exclude(Exists(signed))
        .select_related("skill", "provider", "beneficiary")
    )
