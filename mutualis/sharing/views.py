"""Pages of shared resources: explore, my offers and needs, publish/edit/withdraw, a listing
with its matches, contact requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mutualis.accounts.actor import actor_of
from mutualis.core import errors
from mutualis.core.pagination import paginate
from mutualis.grappes.contacts import contact_details
from mutualis.sharing import perms, selectors, services
from mutualis.sharing.forms import ExploreForm, ListingForm, RequestForm
from mutualis.sharing.models import Listing, SharingRequest

PER_PAGE = 20


def _membership(request):
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied(errors.NOT_A_MEMBER)
    return membership


@login_required
def explore(request):
    """Other bodies' offers and needs visible to the user, anonymised."""
    form = ExploreForm(request.GET)
    listings = selectors.explorable(request.user)
    listings = form.filter(listings) if form.is_valid() else listings.none()
    page = paginate(request, listings.order_by("-created_at", "pk"), per_page=PER_PAGE)
    revealed = selectors.revealed_listing_ids(actor_of(request.user).body_ids)
    membership = request.current_membership
    distances = selectors.distances_from(
        membership.managing_body if membership else None, list(page)
    )
    for listing in page:
        listing.distance = distances.get(listing.pk, "")
    return render(
        request,
        "sharing/explore.html",
        {"form": form, "page_obj": page, "revealed": revealed},
    )


@login_required
def mine(request):
    membership = _membership(request)
    bodies = [membership.managing_body_id]
    received = [
        (r, contact_details(r.requester) if r.is_accepted else [])
        for r in selectors.requests_received(bodies)
    ]
    sent = [
        (r, contact_details(r.listing.managing_body) if r.is_accepted else [])
        for r in selectors.requests_sent(bodies)
    ]
    return render(
        request,
        "sharing/mine.html",
        {
            "body": membership.managing_body,
            "listings": selectors.own_listings(bodies),
            "received": received,
            "sent": sent,
            "is_admin": perms.is_managing_body_admin(request.user, membership.managing_body_id),
        },
    )


@login_required
def create(request):
    membership = _membership(request)
    body = membership.managing_body
    if not perms.can_publish(request.user, body.pk):
        raise PermissionDenied(errors.NOT_A_MEMBER)
    initial = {
        key: request.GET[param]
        for key, param in (("skill", "competence"), ("direction", "sens"))
        if request.GET.get(param)
    }
    form = ListingForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        listing = services.publish_listing(request.user, body, form.cleaned_data)
        messages.success(request, "Annonce publiée.")
        return redirect("sharing:detail", uid=listing.uid)
    return render(request, "sharing/listing_form.html", {"form": form, "body": body})


def _visible(request, uid) -> Listing:
    try:
        return selectors.visible_listings(request.user).get(uid=uid)
    except Listing.DoesNotExist:
        raise Http404 from None


@login_required
def detail(request, uid):
    listing = _visible(request, uid)
    owner = perms.is_owner(request.user, listing)
    accepted = selectors.accepted_body_ids(listing)
    membership = request.current_membership
    body = membership.managing_body if membership else None
    context = {
        "listing": listing,
        "owner": owner,
        "sees_names": perms.sees_names(request.user, listing, accepted),
        "contacts": contact_details(listing.managing_body)
        if perms.sees_names(request.user, listing, accepted) and not owner
        else [],
        "can_edit": perms.can_edit_listing(request.user, listing),
        "matches": selectors.matches_for(request.user, listing) if owner else [],
        "revealed": selectors.revealed_listing_ids(actor_of(request.user).body_ids),
    }
    if body is not None and perms.can_request(request.user, listing, body.pk):
        context["request_form"] = RequestForm(listing=listing, body=body)
        context["pending"] = listing.requests.filter(
            requester=body, status=SharingRequest.Status.PENDING
        ).exists()
    return render(request, "sharing/listing_detail.html", context)


@login_required
def edit(request, uid):
    listing = _visible(request, uid)
    if not perms.can_edit_listing(request.user, listing):
        raise PermissionDenied(
            "Seuls les membres de l'organisme qui l'a publiée modifient une annonce."
        )
    form = ListingForm(request.POST or None, body=listing.managing_body, instance=listing)
    if request.method == "POST" and form.is_valid():
        services.update_listing(request.user, listing, form.cleaned_data)
        messages.success(request, "Annonce modifiée.")
        return redirect("sharing:detail", uid=listing.uid)
    return render(
        request,
        "sharing/listing_form.html",
        {"form": form, "body": listing.managing_body, "listing": listing},
    )


@login_required
@require_POST
def withdraw(request, uid):
    listing = _visible(request, uid)
    try:
        services.withdraw_listing(request.user, listing)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Annonce retirée : elle n'est plus visible des autres.")
    return redirect("sharing:mine")


@login_required
@require_POST
def request_contact(request, uid):
    listing = _visible(request, uid)
    body = _membership(request).managing_body
    if perms.is_owner(request.user, listing):
        raise PermissionDenied("Cette annonce est celle de votre organisme.")
    form = RequestForm(request.POST, listing=listing, body=body)
    try:
        if not form.is_valid():
            _field, problems = next(iter(form.errors.items()))
            raise ValidationError(f"Demande non valable : {problems[0]}")
        services.request_contact(
            request.user,
            listing,
            body,
            form.cleaned_data["message"],
            form.cleaned_data["mon_annonce"],
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            "Demande de mise en relation envoyée : l'organisme l'acceptera ou la déclinera.",
        )
    return redirect("sharing:detail", uid=listing.uid)


def _request(request, uid) -> SharingRequest:
    """A request of one of the user's bodies, or about one of their listings; 404 otherwise
    (another organisation's request is never confirmed to exist)."""
    found = get_object_or_404(SharingRequest.objects.select_related("listing"), uid=uid)
    actor = actor_of(request.user)
    if not (
        actor.is_national_admin
        or found.requester_id in actor.body_ids
        or found.listing.managing_body_id in actor.body_ids
    ):
        raise Http404
    return found


@login_required
@require_POST
def answer(request, uid):
    found = _request(request, uid)
    accept = request.POST.get("reponse") == "accepter"
    try:
        services.answer_request(request.user, found, accept)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            "Demande acceptée : vous voyez désormais ses coordonnées."
            if accept
            else "Demande déclinée.",
        )
    return redirect("sharing:mine")


@login_required
@require_POST
def withdraw_request(request, uid):
    found = _request(request, uid)
    try:
        services.withdraw_request(request.user, found)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Demande retirée.")
    return redirect("sharing:mine")
