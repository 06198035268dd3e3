"""Writes of the cooperation self-evaluation and of agreements, each audited."""

from __future__ import annotations

import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mutualis.agreements import clauses, document_context, documents, referential, selectors
from mutualis.agreements.models import (
    Agreement,
    AgreementClause,
    AgreementVersion,
    CooperationAnswer,
    CooperationResponse,
    CooperationRound,
    DocumentTemplate,
    Signature,
)
from mutualis.agreements.perms import can_answer_cooperation, can_manage_agreement, can_sign
from mutualis.core import audit
from mutualis.grappes import services as grappe_services
from mutualis.grappes.models import Grappe, GrappeMember


@transaction.atomic
def open_round(actor, grappe: Grappe) -> CooperationRound:
    """Close the current round and open the next one (the carrier, to measure progress)."""
    if not can_manage_agreement(actor, grappe):
        raise PermissionDenied
    current = selectors.current_round(grappe)
    if current is not None:
        current.closed_at = timezone.now()
        current.save(update_fields=["closed_at"])
    round_ = CooperationRound.objects.create(
        grappe=grappe,
        number=current.number + 1 if current else 1,
        referential=referential.QUESTIONNAIRE_VERSION,
    )
    audit.record(actor, "cooperation.round", grappe, {"round": round_.number})
    return round_


@transaction.atomic
def save_cooperation_answers(actor, member: GrappeMember, values: dict[str, int | None]) -> None:
    """Record a member's answers in the open round (the first round opens on first answer)."""
    if not can_answer_cooperation(actor, member):
        raise PermissionDenied
    round_ = selectors.current_round(member.grappe)
    if round_ is None:
        round_ = CooperationRound.objects.create(
            grappe=member.grappe, number=1, referential=referential.QUESTIONNAIRE_VERSION
        )
    known = {q.code for q in referential.questions(round_.referential)}
    if set(values) - known or any(v not in (None, *referential.SCALE) for v in values.values()):
        raise ValidationError("Réponse inconnue : rechargez la page et recommencez.")
    response, _ = CooperationResponse.objects.get_or_create(round=round_, member=member)
    response.updated_by = actor
    response.save(update_fields=["updated_by", "updated_at"])
    response.answers.filter(question__in=[k for k, v in values.items() if v is None]).delete()
    for question, value in values.items():
        if value is not None:
            CooperationAnswer.objects.update_or_create(
                response=response, question=question, defaults={"value": value}
            )
    answered = sum(v is not None for v in values.values())
    audit.record(
        actor,
        "cooperation.answer",
        member.grappe,
        {"managing_body": member.managing_body.finess, "round": round_.number, "answers": answered},
    )


@transaction.atomic
def create_agreement(actor, grappe: Grappe) -> Agreement:
    """Start the agreement from the clause library."""
    if not can_manage_agreement(actor, grappe):
        raise PermissionDenied
    if selectors.agreement_of(grappe) is not None:
        raise ValidationError("La convention de cette grappe existe déjà.")
    return write_agreement(actor, grappe)


def write_agreement(actor, grappe: Grappe) -> Agreement:
    """The writing part of ``create_agreement``, without the checks (demo data)."""
    agreement = Agreement.objects.create(grappe=grappe, library_version=referential.LIBRARY_VERSION)
    AgreementClause.objects.bulk_create(
        AgreementClause(agreement=agreement, key=c.key, position=i, title=c.title, text=c.text)
        for i, c in enumerate(referential.clause_library(agreement.library_version))
    )
    audit.record(actor, "agreement.create", agreement)
    return agreement


def _check_draft(actor, agreement: Agreement) -> None:
    if not can_manage_agreement(actor, agreement.grappe):
        raise PermissionDenied
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError("La convention n'est plus un brouillon : revenez au brouillon.")


@transaction.atomic
def edit_clause(actor, clause: AgreementClause, title: str, text: str) -> AgreementClause:
    _check_draft(actor, clause.agreement)
    unknown = clauses.unknown_fields(text)
    if unknown:
        raise ValidationError(
            "Champ inconnu : "
            + ", ".join(f"{{{{ {name} }}}}" for name in unknown)
            + ". Utilisez un des champs proposés."
        )
    changes = audit.diff_fields(clause, {"title": title, "text": text})
    clause.title, clause.text = title, text
    clause.save(update_fields=["title", "text"])
    audit.record(actor, "agreement.clause", clause.agreement, {"clause": clause.key, **changes})
    return clause


def _template():
    uploaded = DocumentTemplate.objects.filter(is_active=True).first()
    if uploaded is None:
        return documents.SHIPPED_TEMPLATE
    with uploaded.file.open("rb") as file:
        return io.BytesIO(file.read())


def _current_clauses(agreement: Agreement) -> list[dict]:
    return [
        {"key": c.key, "title": c.title, "text": c.text}
        for c in agreement.clauses.order_by("position")
    ]


@transaction.atomic
def generate_version(actor, agreement: Agreement, note: str = "") -> AgreementVersion:
    """Store a new version: today's clauses and grappe data, as DOCX and PDF."""
    _check_draft(actor, agreement)
    return write_version(actor, agreement, note)


def write_version(actor, agreement: Agreement, note: str = "") -> AgreementVersion:
    """The writing part of ``generate_version``, without the permission check (demo data)."""
    return _store_version(
        actor,
        agreement,
        _current_clauses(agreement),
        document_context.build(agreement.grappe),
        note,
    )


def _store_version(
    actor, agreement: Agreement, clause_list: list[dict], context: dict, note: str
) -> AgreementVersion:
    latest = selectors.latest_version(agreement)
    number = latest.number + 1 if latest else 1
    rendered = documents.render_context(clause_list, context, number, draft=True)
    version = AgreementVersion(
        agreement=agreement,
        number=number,
        clauses=clause_list,
        context=context,
        context_hash=documents.context_hash(clause_list, context),
        note=note,
        created_by=actor,
    )
    stem = f"convention-v{number}"
    version.docx.save(
        f"{stem}.docx", ContentFile(documents.render_docx(rendered, _template())), False
    )
    version.pdf.save(f"{stem}.pdf", ContentFile(documents.render_pdf(rendered)), save=False)
    version.save()
    audit.record(
        actor, "agreement.version", agreement, {"version": number, "hash": version.context_hash}
    )
    return version


@transaction.atomic
def submit_for_review(actor, agreement: Agreement) -> Agreement:
    """Freeze the text for the members' review and signature; the latest version must match
    today's clauses and grappe data, else a new version is generated first."""
    _check_draft(actor, agreement)
    latest = selectors.latest_version(agreement)
    clause_list = _current_clauses(agreement)
    context = document_context.build(agreement.grappe)
    if latest is None or latest.context_hash != documents.context_hash(clause_list, context):
        _store_version(actor, agreement, clause_list, context, "Version soumise à la relecture")
    return _set_status(actor, agreement, Agreement.Status.REVIEW)


@transaction.atomic
def back_to_draft(actor, agreement: Agreement) -> Agreement:
    if not can_manage_agreement(actor, agreement.grappe):
        raise PermissionDenied
    if agreement.status != Agreement.Status.REVIEW:
        raise ValidationError("Seule une convention en relecture revient au brouillon.")
    return _set_status(actor, agreement, Agreement.Status.DRAFT)


def _set_status(actor, agreement: Agreement, status: str) -> Agreement:
    audit.record(actor, "agreement.status", agreement, {"status": [agreement.status, status]})
    agreement.status = status
    agreement.save(update_fields=["status", "updated_at"])
    return agreement


@transaction.atomic
def record_signature(
    actor,
    member: GrappeMember,
    *,
    signatory: str,
    capacity: str,
    signed_on: date,
    scan,
    scan_type: str,
) -> Signature:
    """A member's administrator records its signature of the version under review; the last
    signature makes the agreement signed and moves a selected grappe to "agreement signed"."""
    agreement = Agreement.objects.select_for_update().get(grappe=member.grappe_id)
    if not can_sign(actor, agreement, member):
        raise PermissionDenied
    version = selectors.latest_version(agreement)
    if version.signatures.filter(member=member).exists():
        raise ValidationError("Ce membre a déjà signé cette version.")
    generated_on = timezone.localdate(version.created_at)
    if signed_on < generated_on:
        raise ValidationError(
            f"La date de signature précède la version {version.number}, générée le "
            f"{generated_on:%d/%m/%Y} : vérifiez la date."
        )
    return write_signature(
        actor,
        version,
        member,
        signatory=signatory,
        capacity=capacity,
        signed_on=signed_on,
        scan=scan,
        scan_type=scan_type,
    )


def write_signature(actor, version: AgreementVersion, member: GrappeMember, **fields) -> Signature:
    """The writing part of ``record_signature``, without the checks (demo data)."""
    scan = fields.pop("scan")
    signature = Signature(
        version=version, member=member, scan_size=scan.size, recorded_by=actor, **fields
    )
    signature.scan.save(scan.name, scan, save=False)
    signature.save()
    agreement = version.agreement
    audit.record(
        actor,
        "agreement.signature",
        agreement,
        {"version": version.number, "managing_body": member.managing_body.finess},
    )
    active = agreement.grappe.members.filter(status=GrappeMember.Status.ACTIVE)
    if not active.exclude(signatures__version=version).exists():
        _set_status(actor, agreement, Agreement.Status.SIGNED)
        if agreement.grappe.status == Grappe.Status.SELECTED:
            grappe_services.write_status(actor, agreement.grappe, Grappe.Status.AGREEMENT_SIGNED)
    return signature
