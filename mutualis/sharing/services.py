"""Writes on shared-resource listings and contact requests, one function per user action,
each in one transaction with its audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.core import audit
from mutualis.core.mail import send_templated_mail
from mutualis.sharing import perms
from mutualis.sharing.models import Listing, SharingRequest

EDITABLE = (
    "direction",
    "skill",
    "title",
    "description",
    "days_per_month",
    "starts_on",
    "ends_on",
    "establishment",
    "max_distance_km",
    "vehicle",
    "visibility",
    "region",
    "grappe",
)


def _admin_emails(body) -> list[str]:
    return list(
        body.memberships.filter(role=MembershipRole.ADMIN).values_list("user__email", flat=True)
    )


@transaction.atomic
def publish_listing(actor, body, data: dict[str, Any], is_demo: bool = False) -> Listing:
    """A member of ``body`` publishes an offer or a need (``data``: the form's cleaned data)."""
    if not perms.can_publish(actor, body.pk):
        raise PermissionDenied
    listing = Listing.objects.create(
        managing_body=body,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
        **{name: data[name] for name in EDITABLE if name in data},
    )
    audit.record(actor, "sharing.publish", listing, {"direction": listing.direction})
    return listing


@transaction.atomic
def update_listing(actor, listing: Listing, data: dict[str, Any]) -> Listing:
    listing = Listing.objects.select_for_update(of=("self",)).get(pk=listing.pk)
    if not perms.can_edit_listing(actor, listing):
        raise PermissionDenied
    fields = {name: data[name] for name in EDITABLE if name in data}
    changes = audit.diff_fields(listing, fields)
    for name, value in fields.items():
        setattr(listing, name, value)
    listing.save()
    audit.record(actor, "sharing.update", listing, changes)
    return listing


@transaction.atomic
def withdraw_listing(actor, listing: Listing) -> Listing:
    """Withdrawn: hidden from everyone but its body; pending requests about it are withdrawn."""
    listing = Listing.objects.select_for_update(of=("self",)).get(pk=listing.pk)
    if not perms.can_edit_listing(actor, listing):
        raise PermissionDenied
    if listing.status == Listing.Status.WITHDRAWN:
        raise ValidationError("Cette annonce est déjà retirée.")
    listing.status = Listing.Status.WITHDRAWN
    listing.save(update_fields=["status", "updated_at"])
    listing.requests.filter(status=SharingRequest.Status.PENDING).update(
        status=SharingRequest.Status.WITHDRAWN, decided_at=timezone.now()
    )
    audit.record(actor, "sharing.withdraw", listing)
    return listing


@transaction.atomic
def request_contact(
    actor, listing: Listing, requester, message: str = "", requester_listing=None
) -> SharingRequest:
    """A member of ``requester`` asks the owner of ``listing`` to get in touch; the owner's
    administrators are told by e-mail (without the requester's name: it is shown once they
    accept)."""
    listing = Listing.objects.select_for_update(of=("self",)).get(pk=listing.pk)
    if requester.pk == listing.managing_body_id:
        raise ValidationError("Cette annonce est la vôtre : vous ne pouvez pas la demander.")
    if not perms.can_publish(actor, requester.pk):
        raise PermissionDenied
    if listing.status != Listing.Status.PUBLISHED:
        raise ValidationError("Cette annonce a été retirée par son organisme.")
    if listing.is_expired:
        raise ValidationError("Cette annonce est expirée : sa date de fin est passée.")
    if requester_listing is not None and (
        requester_listing.managing_body_id != requester.pk
        or requester_listing.direction == listing.direction
    ):
        raise ValidationError("Choisissez une de vos annonces de sens opposé.")
    if SharingRequest.objects.filter(
        listing=listing, requester=requester, status=SharingRequest.Status.PENDING
    ).exists():
        raise ValidationError("Une demande sur cette annonce est déjà en attente de réponse.")
    request = SharingRequest.objects.create(
        listing=listing,
        requester=requester,
        requester_listing=requester_listing,
        message=message[:1000],
        created_by=actor,
    )
    send_templated_mail(
        "sharing/emails/request",
        {"listing": listing, "request": request},
        _admin_emails(listing.managing_body),
    )
    audit.record(actor, "sharing.request", request, {"listing": str(listing.uid)})
    return request


@transaction.atomic
def answer_request(actor, request: SharingRequest, accept: bool) -> SharingRequest:
    request = (
        SharingRequest.objects.select_for_update(of=("self",))
        .select_related("listing")
        .get(pk=request.pk)
    )
    if request.status != SharingRequest.Status.PENDING:
        raise ValidationError("Cette demande a déjà reçu une réponse.")
    if not perms.can_answer(actor, request):
        raise PermissionDenied
    request.status = SharingRequest.Status.ACCEPTED if accept else SharingRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    send_templated_mail(
        "sharing/emails/answer",
        {"request": request, "listing": request.listing},
        _admin_emails(request.requester),
    )
    audit.record(actor, "sharing.answer", request, {"accepted": accept})
    return request


@transaction.atomic
def withdraw_request(actor, request: SharingRequest) -> SharingRequest:
    request = SharingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if request.status != SharingRequest.Status.PENDING:
        raise ValidationError("Cette demande a déjà reçu une réponse.")
    if not perms.can_withdraw_request(actor, request):
        raise PermissionDenied
    request.status = SharingRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    audit.record(actor, "sharing.request_withdraw", request)
    return request
