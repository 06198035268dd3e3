"""Partner matching pages: ranked partners and contact requests for a managing body, and
suggested grappes for a région."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutualis.accounts.perms import is_managing_body_admin, is_national_admin, region_codes
from mutualis.directory.models import ManagingBody
from mutualis.grappes import candidates, contacts, matching, selectors, services
from mutualis.grappes.models import ContactRequest
from mutualis.grappes.rules import Programme
from mutualis.territories.models import Region

RANKED = 20


@login_required
def partners(request):
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied
    body = membership.managing_body
    campaign = timezone.localdate().year
    region = request.GET.get("region") or _region_of(body)
    pool = candidates.open_bodies().exclude(pk=body.pk)
    if region and request.GET.get("toutes_regions") != "on":
        pool = pool.filter(establishments__region=region).distinct()
    others = candidates.candidates(pool, campaign, Programme.GENERALISATION)
    [me] = candidates.candidates(
        ManagingBody.objects.filter(pk=body.pk), campaign, Programme.GENERALISATION
    ) or [None]
    ranked = matching.rank_partners(me, others, limit=RANKED) if me else []
    if request.GET.get("meme_editeur") == "on" and me and me.editor:
        ranked = [score for score in ranked if score.candidate.editor == me.editor]
    requests_ = ContactRequest.objects.filter(Q(sender=body) | Q(recipient=body)).select_related(
        "sender", "recipient"
    )
    return render(
        request,
        "grappes/partners.html",
        {
            "body": body,
            "me": me,
            "ranked": ranked,
            "received": [
                (r, contacts.contact_details(r.sender) if r.status == "accepted" else [])
                for r in requests_
                if r.recipient_id == body.pk
            ],
            "sent": [
                (r, contacts.contact_details(r.recipient) if r.status == "accepted" else [])
                for r in requests_
                if r.sender_id == body.pk
            ],
            "is_admin": is_managing_body_admin(request.user, body.pk),
            "filters": request.GET,
        },
    )


def _region_of(body: ManagingBody) -> str | None:
    return body.establishments.values_list("region", flat=True).first()


@login_required
@require_POST
def request_contact(request):
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied
    recipient = get_object_or_404(ManagingBody, pk=request.POST.get("organisme"))
    try:
        contacts.request_contact(
            request.user, membership.managing_body, recipient, request.POST.get("message", "")
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Demande de contact envoyée à {recipient.name}.")
    return redirect("grappes:partners")


@login_required
@require_POST
def answer_contact(request, uid):
    contact = get_object_or_404(ContactRequest, uid=uid)
    accept = request.POST.get("reponse") == "accepter"
    try:
        contacts.answer_contact(request.user, contact, accept)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Demande acceptée." if accept else "Demande déclinée.")
    return redirect("grappes:partners")


@login_required
def suggestions(request):
    """For regional actors: the open-to-cooperation managing bodies of a région grouped into
    eligible grappes, each explained; one click proposes a grappe to its members."""
    regions = _regions_of(request.user)
    region = request.GET.get("region") or (sorted(regions)[0] if regions else "")
    if region not in regions:
        raise PermissionDenied
    context = {
        "regions": Region.objects.filter(code__in=regions).order_by("name"),
        "region": region,
    }
    if not (request.htmx or request.GET.get("calcul")):
        return render(request, "grappes/suggestions.html", context)  # computed on load
    campaign = timezone.localdate().year
    rules = selectors.rules_for(Programme.GENERALISATION, campaign)
    pool = candidates.open_bodies().filter(establishments__region=region).distinct()
    found = candidates.candidates(pool, campaign, Programme.GENERALISATION)
    started = time.perf_counter()
    partition = matching.suggest_grappes(
        found,
        min_essms=rules["grappe.min_essms"].integer if "grappe.min_essms" in rules else 15,
        national_threshold=rules["call.national_threshold"].integer
        if "call.national_threshold" in rules
        else 50,
    )
    context |= {
        "partition": partition,
        "candidate_count": len(found),
        "seconds": time.perf_counter() - started,
    }
    template = "grappes/includes/suggested.html" if request.htmx else "grappes/suggestions.html"
    return render(request, template, context)


def _regions_of(user) -> set[str]:
    if is_national_admin(user):
        return set(Region.objects.values_list("code", flat=True))
    return region_codes(user)


@login_required
@require_POST
def propose(request):
    ids = [int(pk) for pk in request.POST.getlist("organismes") if pk.isdigit()]
    bodies = list(ManagingBody.objects.filter(pk__in=ids, is_closed=False))
    if len(bodies) != len(ids) or not bodies:
        raise PermissionDenied
    grappe = services.create_suggested_grappe(
        request.user, bodies, timezone.localdate().year, Programme.GENERALISATION
    )
    messages.success(request, "Grappe proposée : ses membres sont invités à l'accepter.")
    return redirect("grappes:detail", uid=grappe.uid)
