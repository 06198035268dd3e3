"""Contact requests between managing bodies met in the partner ranking (audited)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.accounts.perms import is_managing_body_admin, is_member
from mutualis.core import audit
from mutualis.core.mail import send_templated_mail
from mutualis.grappes.models import ContactRequest


@transaction.atomic
def request_contact(actor, sender, recipient, message: str = "") -> ContactRequest:
    """A member of ``sender`` asks ``recipient`` (open to cooperation) to get in touch."""
    if not is_member(actor, sender.pk):
        raise PermissionDenied
    if not recipient.open_to_cooperation or recipient.pk == sender.pk:
        raise ValidationError("Cet organisme ne s'est pas déclaré ouvert à la coopération.")
    if ContactRequest.objects.filter(
        sender=sender, recipient=recipient, status=ContactRequest.Status.PENDING
    ).exists():
        raise ValidationError("Une demande à cet organisme est déjà en attente de réponse.")
    contact = ContactRequest.objects.create(
        sender=sender, recipient=recipient, message=message[:1000], created_by=actor
    )
    admins = recipient.memberships.filter(role=MembershipRole.ADMIN).values_list(
        "user__email", flat=True
    )
    send_templated_mail(
        "grappes/emails/contact_request",
        {"sender": sender, "recipient": recipient, "message": contact.message},
        admins,
    )
    audit.record(actor, "contact.request", contact, {"recipient": recipient.finess})
    return contact


@transaction.atomic
def answer_contact(actor, contact: ContactRequest, accept: bool) -> ContactRequest:
    contact = ContactRequest.objects.select_for_update().get(pk=contact.pk)
    if not is_managing_body_admin(actor, contact.recipient_id):
        raise PermissionDenied
    if contact.status != ContactRequest.Status.PENDING:
        raise ValidationError("Cette demande a déjà reçu une réponse.")
    contact.status = ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    contact.decided_at = timezone.now()
    contact.save(update_fields=["status", "decided_at"])
    audit.record(actor, "contact.answer", contact, {"accepted": accept})
    return contact


def contact_details(body) -> list[tuple[str, str]]:
    """Names and e-mail addresses of a body's administrators (shown after acceptance)."""
    return [
        (user.get_full_name() or user.email, user.email)
        for user in (m.user for m in body.memberships.filter(role=MembershipRole.ADMIN))
    ]
