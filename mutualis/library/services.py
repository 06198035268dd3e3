"""Writes on experience reports, one function per user action: each checks permissions,
runs in one transaction, writes its audit row and keeps the search index in step."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.core.mail import send_templated_mail
from mutualis.library import attachments, search
from mutualis.library.models import Attachment, ExperienceReport, Question
from mutualis.library.perms import (
    can_answer,
    can_ask,
    can_delete,
    can_edit,
    can_moderate,
    can_propose,
    can_write,
)

State = ExperienceReport.State
TEXT_FIELDS = ("title", "context", "actors", "pooled", "timeline", "worked", "did_not_work")
TEXT_FIELDS += ("benefits", "costs", "advice")


def _clean(data: dict) -> tuple[dict, list | None]:
    """The model fields (text in NFC, as the search index reads it) and the tags."""
    fields = {k: v for k, v in data.items() if k != "tags"}
    for name in TEXT_FIELDS:
        if name in fields:
            fields[name] = unicodedata.normalize("NFC", (fields[name] or "").strip())
    if fields.get("initiative") is not None and fields.get("region") is None:
        fields["region"] = fields["initiative"].region
    return fields, data.get("tags")


@transaction.atomic
def create_report(actor, data: dict) -> ExperienceReport:
    """A new report, as a draft only its author sees."""
    if not can_write(actor):
        raise PermissionDenied
    fields, tags = _clean(data)
    report = ExperienceReport.objects.create(author=actor, state=State.DRAFT, **fields)
    if tags is not None:
        report.tags.set(tags)
    search.index(report)
    audit.record(actor, "report.create", report)
    return report


@transaction.atomic
def edit_report(actor, report: ExperienceReport, data: dict) -> ExperienceReport:
    if not can_edit(actor, report):
        raise PermissionDenied
    fields, tags = _clean(data)
    changes = audit.diff_fields(report, {k: v for k, v in fields.items() if k in TEXT_FIELDS})
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=[*fields, "updated_at"])
    if tags is not None:
        report.tags.set(tags)
    search.index(report)
    audit.record(actor, "report.edit", report, dict.fromkeys(changes, "modifié"))
    return report


@transaction.atomic
def propose_report(actor, report: ExperienceReport) -> ExperienceReport:
    """The author submits the report to the moderators of its région."""
    if not can_propose(actor, report):
        raise PermissionDenied
    missing = [
        label
        for name, label in [("context", "le contexte"), ("pooled", "ce qui a été mutualisé")]
        if not getattr(report, name).strip()
    ]
    if not (report.worked.strip() or report.did_not_work.strip()):
        missing.append("ce qui a fonctionné ou ce qui n'a pas fonctionné")
    if missing:
        raise ValidationError(f"Avant de proposer ce retour, complétez : {', '.join(missing)}.")
    audit.record(actor, "report.propose", report, {"state": [report.state, State.PROPOSED]})
    report.state = State.PROPOSED
    report.moderation_note = ""
    report.save(update_fields=["state", "moderation_note", "updated_at"])
    return report


@transaction.atomic
def moderate_report(actor, report: ExperienceReport, publish: bool, note: str = "") -> None:
    if not can_moderate(actor, report):
        raise PermissionDenied
    if report.state != State.PROPOSED:
        raise ValidationError("Ce retour d'expérience n'attend pas de modération.")
    if not publish and not note.strip():
        raise ValidationError("Indiquez le motif du refus : l'auteur le verra.")
    decision = State.PUBLISHED if publish else State.REJECTED
    audit.record(actor, "report.moderate", report, {"state": [report.state, decision]})
    now = timezone.now()
    report.state = decision
    report.moderation_note = "" if publish else note.strip()[:500]
    report.moderated_by = actor
    report.moderated_at = now
    if publish:
        report.published_at = now
    # Never a full save(): it would write back the stale search_vector of this instance.
    report.save(
        update_fields=[
            "state",
            "moderation_note",
            "moderated_by",
            "moderated_at",
            "published_at",
            "updated_at",
        ]
    )


@transaction.atomic
def delete_report(actor, report: ExperienceReport) -> None:
    if not can_delete(actor, report):
        raise PermissionDenied
    audit.record(actor, "report.delete", report, {"title": report.title})
    for attachment in report.attachments.all():
        attachment.file.delete(save=False)
    search.unindex(report.pk)
    report.delete()


@transaction.atomic
def add_attachment(actor, report: ExperienceReport, upload) -> Attachment:
    if not can_edit(actor, report):
        raise PermissionDenied
    if report.attachments.count() >= attachments.MAX_PER_REPORT:
        raise ValidationError(
            f"Un retour d'expérience compte au plus {attachments.MAX_PER_REPORT} documents."
        )
    content_type = attachments.check(upload)
    attachment = Attachment(
        report=report,
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save("document", upload, save=False)
    attachment.save()
    audit.record(actor, "report.attach", report, {"file": attachment.original_name})
    return attachment


@transaction.atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    if not can_edit(actor, attachment.report):
        raise PermissionDenied
    audit.record(actor, "report.detach", attachment.report, {"file": attachment.original_name})
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def ask_question(actor, report: ExperienceReport, text: str, report_url: str) -> Question:
    """A signed-in reader asks the author; the author is told by e-mail."""
    if not can_ask(actor, report):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError("Écrivez votre question.")
    question = Question.objects.create(report=report, text=text[:2000], asked_by=actor)
    send_templated_mail(
        "library/emails/question",
        {"actor": actor, "report": report, "question": question, "report_url": report_url},
        [report.author.email],
    )
    audit.record(actor, "report.ask", report, {"question": str(question.uid)})
    return question


@transaction.atomic
def answer_question(actor, question: Question, text: str, report_url: str) -> Question:
    """The author answers; the answer is shown under the report and sent to the reader."""
    if not can_answer(actor, question):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError("Écrivez votre réponse.")
    question.answer = text[:4000]
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    if question.asked_by is not None:
        send_templated_mail(
            "library/emails/answer",
            {"actor": actor, "question": question, "report_url": report_url},
            [question.asked_by.email],
        )
    audit.record(actor, "report.answer", question.report, {"question": str(question.uid)})
    return question
