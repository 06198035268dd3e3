"""Writes of conventions de mise à disposition: prepare, edit (new version, signatures
voided), sign, record days used. Each in one transaction, each audited."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, fields
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mutualis.core import audit
from mutualis.sharing import loan_documents, loan_rules
from mutualis.sharing.loan_models import DaysUsed, Loan, LoanDocument, LoanSignature
from mutualis.sharing.loan_perms import (
    can_edit_loan,
    can_prepare_loan,
    can_record_days,
    can_sign_loan,
)
from mutualis.sharing.loan_selectors import current_signatures
from mutualis.sharing.models import Listing, SharingRequest, Skill, Vehicle


@dataclass
class LoanTerms:
    """What the administrators agree on (the loan form's cleaned data)."""

    resource: str
    person_label: str
    days_per_month: Decimal | None
    daily_cost: Decimal
    cost_method: str
    starts_on: datetime.date
    ends_on: datetime.date
    notice_days: int
    vehicle: Vehicle


def _values(terms: LoanTerms) -> dict:
    return {f.name: getattr(terms, f.name) for f in fields(LoanTerms)}


def sides(request: SharingRequest) -> tuple:
    """(provider, beneficiary): the offer's owner lends."""
    listing = request.listing
    if listing.direction == Listing.Direction.OFFER:
        return listing.managing_body, request.requester
    return request.requester, listing.managing_body


def period_bounds(request: SharingRequest) -> list[tuple[str, datetime.date, datetime.date]]:
    bounds = [("de l'annonce", request.listing.starts_on, request.listing.ends_on)]
    if request.requester_listing is not None:
        other = request.requester_listing
        bounds.append(("de l'annonce du demandeur", other.starts_on, other.ends_on))
    return bounds


def check_terms(terms: LoanTerms, skill: Skill, request: SharingRequest) -> None:
    """French errors by field, raised together."""
    errors = loan_rules.cost_errors(terms.vehicle.code, terms.cost_method, terms.daily_cost)
    period = loan_rules.period_errors(terms.starts_on, terms.ends_on, period_bounds(request))
    if period:
        errors["ends_on"] = " ".join(period)
    if skill.kind == Skill.Kind.EQUIPMENT:
        terms.days_per_month = None  # equipment is lent without counting days
    elif terms.days_per_month is None:
        errors["days_per_month"] = "Indiquez le nombre de jours par mois mis à disposition."
    if errors:
        raise ValidationError(errors)


def _file_name(loan: Loan, kind: str, signed: bool) -> str:
    detail = f"v{loan.version}" + ("-signee" if signed else "")
    return f"mise-a-disposition-{slugify(loan.skill.code)}-{detail}.{kind}"


def _template():
    return io.BytesIO(loan_documents.SHIPPED_TEMPLATE.read_bytes())


def store_documents(actor, loan: Loan, signatures: dict | None = None) -> list[LoanDocument]:
    """Render and store the DOCX and PDF of the current version (draft, or signed edition);
    without permission checks (the services check first; demo data)."""
    signed = signatures is not None
    context = loan_documents.build_context(loan)
    if signed:  # the signed edition keeps the text generated for the version
        draft = loan.documents.filter(version=loan.version, signed=False).first()
        context = draft.context if draft else context
    rendered = loan_documents.render_context(context, loan.version, not signed, signatures)
    digest = loan_documents.agreement_documents.context_hash([], context)
    stored = []
    for kind, content in (
        ("docx", loan_documents.render_docx(rendered, _template())),
        ("pdf", loan_documents.render_pdf(rendered)),
    ):
        document = LoanDocument(
            loan=loan,
            version=loan.version,
            kind=kind,
            signed=signed,
            context=context,
            context_hash=digest,
            created_by=actor,
        )
        document.file.save(_file_name(loan, kind, signed), ContentFile(content), save=False)
        document.save()
        stored.append(document)
    audit.record(
        actor,
        "sharing.loan.document",
        loan,
        {"version": loan.version, "signed": signed, "hash": digest},
    )
    return stored


@transaction.atomic
def prepare_loan(actor, request: SharingRequest, terms: LoanTerms) -> Loan:
    """From an accepted request: the convention, version 1, and its draft documents."""
    request = SharingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if not can_prepare_loan(actor, request):
        raise PermissionDenied
    if Loan.objects.filter(request=request).exists():
        raise ValidationError("La convention de cette demande existe déjà.")
    skill = request.listing.skill
    check_terms(terms, skill, request)
    provider, beneficiary = sides(request)
    loan = Loan.objects.create(
        request=request,
        provider=provider,
        beneficiary=beneficiary,
        skill=skill,
        created_by=actor,
        **_values(terms),
    )
    audit.record(actor, "sharing.loan.create", loan, {"request": str(request.uid)})
    store_documents(actor, loan)
    return loan


@transaction.atomic
def edit_loan(actor, loan: Loan, terms: LoanTerms) -> Loan:
    """New terms make a new version: the signatures given are voided, the loan is a draft."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if not can_edit_loan(actor, loan):
        raise PermissionDenied
    check_terms(terms, loan.skill, loan.request)
    values = _values(terms)
    changes = audit.diff_fields(loan, values)
    if not changes:
        return loan
    voided = loan.signatures.filter(voided_at=None).update(voided_at=timezone.now())
    for name, value in values.items():
        setattr(loan, name, value)
    loan.version += 1
    loan.status = Loan.Status.DRAFT
    loan.save()
    audit.record(
        actor,
        "sharing.loan.edit",
        loan,
        {"version": loan.version, "voided_signatures": voided, **changes},
    )
    store_documents(actor, loan)
    return loan


@transaction.atomic
def sign_loan(actor, loan: Loan, body_id: int, *, signer_name: str, capacity: str) -> Loan:
    """A body's administrator signs the current version; the second signature makes the
    convention signed and stores its signed edition."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if not can_sign_loan(actor, loan, body_id):
        raise PermissionDenied
    if body_id in current_signatures(loan):
        raise ValidationError("Cet organisme a déjà signé cette version.")
    return write_signature(actor, loan, body_id, signer_name=signer_name, capacity=capacity)


def write_signature(actor, loan: Loan, body_id: int, *, signer_name: str, capacity: str) -> Loan:
    """The writing part of ``sign_loan``, without the checks (demo data)."""
    LoanSignature.objects.create(
        loan=loan,
        version=loan.version,
        managing_body_id=body_id,
        signed_by=actor,
        signer_name=signer_name,
        capacity=capacity,
    )
    signatures = current_signatures(loan)
    audit.record(actor, "sharing.loan.sign", loan, {"version": loan.version, "body": body_id})
    if set(loan.body_ids()) <= set(signatures):
        loan.status = Loan.Status.SIGNED
        loan.save(update_fields=["status", "updated_at"])
        store_documents(
            actor,
            loan,
            {
                s.managing_body.finess: {
                    "signer": s.signer_name,
                    "capacity": s.capacity,
                    "signed_on": f"{timezone.localdate(s.signed_at):%d/%m/%Y}",
                }
                for s in signatures.values()
            },
        )
    else:
        loan.status = Loan.Status.SIGNING
        loan.save(update_fields=["status", "updated_at"])
    return loan


@transaction.atomic
def record_days(
    actor, loan: Loan, *, month: datetime.date, days: Decimal, note: str = ""
) -> DaysUsed:
    """The days used in a month (once per month; recording it again corrects it)."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if not can_record_days(actor, loan):
        raise PermissionDenied
    month = loan_rules.first_of_month(month)
    errors = loan_rules.days_used_errors(
        month, days, loan.starts_on, loan.ends_on, timezone.localdate()
    )
    if errors:
        raise ValidationError(errors)
    previous = loan.days_used.filter(month=month).values_list("days", flat=True).first()
    row, _ = DaysUsed.objects.update_or_create(
        loan=loan, month=month, defaults={"days": days, "note": note, "recorded_by": actor}
    )
    audit.record(
        actor,
        "sharing.loan.days",
        loan,
        {"month": f"{month:%Y-%m}", "days": [str(previous or ""), str(days)]},
    )
    return row
