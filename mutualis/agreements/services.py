"""Writes of the cooperation self-evaluation and of agreements, each audited."""

from __future__ import annotations

import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mutualis.agreements import (
    amendments,
    clauses,
    document_context,
    documents,
    referential,
    selectors,
)
from mutualis.agreements.models import (
    Agreement,
    AgreementClause,
    AgreementParty,
    AgreementVersion,
    CooperationAnswer,
    CooperationResponse,
    CooperationRound,
    DocumentTemplate,
    Signature,
)
from mutualis.agreements.perms import (
    can_answer_cooperation,
    can_edit_party,
    can_manage_agreement,
    can_sign,
)
from mutualis.agreements.wording import count
from mutualis.core import audit
from mutualis.grappes import exports
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


def write_version(
    actor, agreement: Agreement, note: str = "", *, draft: bool = True
) -> AgreementVersion:
    """The writing part of ``generate_version``, without the permission check (demo data)."""
    return _store_version(
        actor, agreement, _current_clauses(agreement), _context(agreement), note, draft=draft
    )


def _context(agreement: Agreement) -> dict:
    """Today's grappe data, and for an amendment what it changes in the signed text."""
    context = document_context.build(agreement.grappe, agreement)
    if agreement.amendment:
        original = selectors.signed_version(agreement)
        context["amendment"] = amendments.summary(
            agreement.amendment,
            original.label,
            _signed_on(original),
            (original.clauses, original.context),
            (_current_clauses(agreement), context),
        )
    return context


def _signed_on(version: AgreementVersion) -> str:
    last = version.signatures.order_by("-signed_on").values_list("signed_on", flat=True).first()
    return f"{last:%d/%m/%Y}" if last else ""


def file_name(version: AgreementVersion, ext: str, signed: bool = False) -> str:
    """ "convention-grappe-du-bugey-v2.pdf", "avenant-1-grappe-du-bugey-v4-signee.pdf"."""
    kind = f"avenant-{version.amendment}" if version.amendment else "convention"
    detail = f"v{version.number}" + ("-signee" if signed else "")
    return exports.file_name(version.agreement.grappe, kind, ext, detail)


def _store_version(
    actor, agreement: Agreement, clause_list: list[dict], context: dict, note: str, draft: bool
) -> AgreementVersion:
    latest = selectors.latest_version(agreement)
    number = latest.number + 1 if latest else 1
    rendered = documents.render_context(clause_list, context, number, draft=draft)
    version = AgreementVersion(
        agreement=agreement,
        number=number,
        amendment=agreement.amendment,
        draft=draft,
        clauses=clause_list,
        context=context,
        context_hash=documents.context_hash(clause_list, context),
        note=note,
        created_by=actor,
    )
    version.docx.save(
        file_name(version, "docx"),
        ContentFile(documents.render_docx(rendered, _template())),
        save=False,
    )
    version.pdf.save(
        file_name(version, "pdf"), ContentFile(documents.render_pdf(rendered)), save=False
    )
    version.save()
    audit.record(
        actor,
        "agreement.version",
        agreement,
        {"version": number, "hash": version.context_hash, "amendment": agreement.amendment},
    )
    return version


def _signed_edition(version: AgreementVersion) -> None:
    """The documents of a version every member signed: its text and generation date as
    generated, no draft banner, and who signed it, in which capacity, on which date."""
    signed = {
        s.member.managing_body.finess: {
            "signatory": s.signatory,
            "capacity": s.capacity,
            "signed_on": f"{s.signed_on:%d/%m/%Y}",
        }
        for s in version.signatures.select_related("member__managing_body")
    }
    rendered = documents.render_context(
        version.clauses, version.context, version.number, draft=False, signatures=signed
    )
    version.signed_docx.save(
        file_name(version, "docx", signed=True),
        ContentFile(documents.render_docx(rendered, _template())),
        save=False,
    )
    version.signed_pdf.save(
        file_name(version, "pdf", signed=True),
        ContentFile(documents.render_pdf(rendered)),
        save=False,
    )
    version.signed_at = timezone.now()
    version.save(update_fields=["signed_docx", "signed_pdf", "signed_at"])


@transaction.atomic
def submit_for_review(actor, agreement: Agreement) -> Agreement:
    """Freeze the text for the members' review and signature: every invited organisation must
    have joined or been removed first. The version submitted carries no draft banner: a new
    one is generated unless the latest one already is that text, without banner."""
    _check_draft(actor, agreement)
    pending = [
        m.managing_body.display_name
        for m in agreement.grappe.members.filter(status=GrappeMember.Status.INVITED)
        .select_related("managing_body")
        .order_by("managing_body__display_name")
    ]
    if pending:
        who = count(len(pending), "organisme invité n'a", "organismes invités n'ont")
        raise ValidationError(
            f"{who} pas encore rejoint la grappe : {', '.join(pending)}. Chaque organisme "
            "invité doit rejoindre la grappe ou en être retiré avant la signature."
        )
    latest = selectors.latest_version(agreement)
    clause_list = _current_clauses(agreement)
    context = _context(agreement)
    same = latest is not None and latest.amendment == agreement.amendment
    if (
        not same
        or latest.draft
        or latest.context_hash != documents.context_hash(clause_list, context)
    ):
        _store_version(
            actor, agreement, clause_list, context, "Version soumise à la signature", draft=False
        )
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
    if not selectors.awaited_signatures(agreement, version):
        _signed_edition(version)
        _set_status(actor, agreement, Agreement.Status.SIGNED)
        if agreement.grappe.status == Grappe.Status.SELECTED:
            grappe_services.write_status(actor, agreement.grappe, Grappe.Status.AGREEMENT_SIGNED)
    return signature


@transaction.atomic
def start_amendment(actor, agreement: Agreement) -> Agreement:
    """After signature, the carrier starts "avenant n": the clauses can be edited again and
    the next versions belong to it; the signed versions stay as they were."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not can_manage_agreement(actor, agreement.grappe):
        raise PermissionDenied
    if agreement.status != Agreement.Status.SIGNED:
        raise ValidationError("Un avenant se prépare une fois la convention signée.")
    agreement.amendment += 1
    agreement.save(update_fields=["amendment", "updated_at"])
    audit.record(actor, "agreement.amendment", agreement, {"amendment": agreement.amendment})
    return _set_status(actor, agreement, Agreement.Status.DRAFT)


@transaction.atomic
def save_party(
    actor, agreement: Agreement, member: GrappeMember, *, representative: str, capacity: str
) -> AgreementParty:
    """A member's administrator names who represents it among the parties; the next version
    generated carries it."""
    if not can_edit_party(actor, agreement, member):
        raise PermissionDenied
    party, created = AgreementParty.objects.get_or_create(
        agreement=agreement,
        member=member,
        defaults={"representative": representative, "capacity": capacity, "updated_by": actor},
    )
    changes = (
        {}
        if created
        else audit.diff_fields(party, {"representative": representative, "capacity": capacity})
    )
    party.representative, party.capacity, party.updated_by = representative, capacity, actor
    party.save()
    audit.record(
        actor,
        "agreement.party",
        agreement,
        {"managing_body": member.managing_body.finess, **changes},
    )
    return party


@transaction.atomic
def withdraw_invitation(actor, agreement: Agreement, member: GrappeMember) -> None:
    """The carrier withdraws the invitation of an organisation that never answered, so that
    the agreement can go to signature without it (it can be invited again later)."""
    _check_draft(actor, agreement)
    member = GrappeMember.objects.select_for_update().get(pk=member.pk)
    if member.grappe_id != agreement.grappe_id or member.status != GrappeMember.Status.INVITED:
        raise ValidationError("Cet organisme n'est pas, ou plus, invité dans la grappe.")
    finess = member.managing_body.finess
    member.delete()
    audit.record(actor, "agreement.invitation_withdrawn", agreement, {"managing_body": finess})
