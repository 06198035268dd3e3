"""Partner matching pages: ranked partners and contact requests for a managing body, and
suggested grappes for a région."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mutualis.accounts.perms import is_managing_body_admin, is_national_admin, region_codes
from mutualis.core import errors
from mutualis.core.forms import chosen_or_404
from mutualis.core.pagination import paginate
from mutualis.directory.models import ManagingBody
from mutualis.grappes import (
    contacts,
    selectors,
    services,
    suggestion_rules,
    suggestion_store,
)
from mutualis.grappes.forms import ContactForm, PartnerFilterForm, ProposeForm
from mutualis.grappes.models import ContactRequest, Grappe
from mutualis.grappes.perms import can_steer
from mutualis.grappes.rules import Programme, applicable, missing, missing_message
from mutualis.territories.models import Region

PER_PAGE = 10
SIZE_RULES = ("grappe.min_essms",)
SUGGESTION_RULES = suggestion_store.SUGGESTION_RULES


@login_required
def partners(request):
    """Ranked partners of the user's organisation; with ``?grappe=<uid>``, partners to
    complete that grappe ("Compléter ma grappe"), for those who steer it, with an invite
    button on each card."""
    grappe = _steered_grappe(request, request.GET.get("grappe"))
    if grappe is not None:
        body = grappe.carrier
        campaign, programme = grappe.campaign, grappe.programme
    else:
        membership = request.current_membership
        if membership is None:
            raise PermissionDenied(errors.NOT_A_MEMBER)
        body = membership.managing_body
        campaign, programme = selectors.current_campaign(), Programme.GENERALISATION
    rules = selectors.rules_for(programme, campaign)
    # A cooperation without programme has no size rule: partners are ranked without it.
    absent = missing(rules, SIZE_RULES) if applicable(programme) else []
    form = PartnerFilterForm(request.GET)
    search = page = None
    if form.is_valid() and not absent:
        search = selectors.partner_search(
            body,
            campaign,
            rules["grappe.min_essms"].integer if applicable(programme) else None,
            form.filters(),
            form.region_or(selectors.main_region(body)),
            grappe=grappe,
        )
        page = paginate(request, search.ranking, per_page=PER_PAGE)
    requests_ = ContactRequest.objects.filter(Q(sender=body) | Q(recipient=body)).select_related(
        "sender", "recipient"
    )
    return render(
        request,
        "grappes/partners.html",
        {
            "body": body,
            "grappe": grappe,
            "campaign": campaign,
            "form": form,
            "search": search,
            "page_obj": page,
            "rules_message": missing_message(programme, campaign, absent) if absent else "",
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
            "is_national_admin": is_national_admin(request.user),
        },
    )


def _steered_grappe(request, uid: str | None) -> Grappe | None:
    """The grappe named in the address, if any: 404 when unknown, 403 unless the user steers
    it (an administrator of its active carrier, a national administrator)."""
    if not uid:
        return None
    grappe = chosen_or_404(Grappe.objects.select_related("carrier"), uid, "uid")
    if not can_steer(request.user, grappe):
        raise PermissionDenied(
            "Seuls les administrateurs de l'organisme porteur de la grappe cherchent des "
            "partenaires pour la compléter."
        )
    return grappe


@login_required
@require_POST
def invite_partner(request, uid):
    """Invite an organisation found by the partner search into the grappe (the invite
    service checks who may), then back to the same search."""
    grappe = _steered_grappe(request, str(uid))
    recipient = chosen_or_404(
        ManagingBody.objects.filter(is_closed=False), request.POST.get("organisme")
    )
    try:
        services.invite_member(request.user, grappe, recipient)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, f"{recipient.display_name} est invité dans la grappe « {grappe.name} »."
        )
    return redirect(f"{reverse('grappes:partners')}?{urlencode({'grappe': grappe.uid})}")


@login_required
@require_POST
def request_contact(request):
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied(errors.NOT_A_MEMBER)
    recipient = chosen_or_404(ManagingBody.objects.all(), request.POST.get("organisme"))
    form = ContactForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(f"Message non valable : {form.errors['message'][0]}")
        contacts.request_contact(
            request.user, membership.managing_body, recipient, form.cleaned_data["message"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Demande de contact envoyée à {recipient.display_name}.")
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
    eligible grappes, each explained; one click proposes a grappe to its members. The page
    reads the stored result (``suggestion_store``) and asks for a computation when there is
    none or the rules changed; while one runs, htmx polls the result."""
    regions = _regions_of(request.user)
    region = request.GET.get("region") or (sorted(regions)[0] if regions else "")
    if region not in regions:
        raise PermissionDenied
    campaign = selectors.current_campaign()
    programme = Programme.GENERALISATION
    rules = selectors.rules_for(programme, campaign)
    absent = missing(rules, SUGGESTION_RULES)
    context = {
        "regions": Region.objects.filter(code__in=regions).order_by("name"),
        "region": region,
        "campaign": campaign,
        "min_essms": rules["grappe.min_essms"].integer if not absent else None,
        "target": suggestion_store.sizes(rules)[1] if not absent else None,
        "rules_message": missing_message(programme, campaign, absent) if absent else "",
        "is_national_admin": is_national_admin(request.user),
    }
    if not absent:
        row = suggestion_store.stored(region, programme, campaign)
        # None yet, outdated rules, or a computation lost with its worker (``request`` lets
        # a recent one run); a failed one waits for the button.
        if row is None or (
            row.status != row.Status.FAILED and not suggestion_store.is_current(row, rules)
        ):
            row = suggestion_store.request(region, programme, campaign)
        partition = suggestion_store.partition_of(row.result) if row.computed_at else None
        context |= {
            "stored": row,
            "computing": row.status in (row.Status.PENDING, row.Status.RUNNING),
            "outdated": row.computed_at is not None and not suggestion_store.is_current(row, rules),
            "partition": partition,
            "candidate_count": row.result.get("candidate_count", 0),
            "margin_share": suggestion_rules.margin_share(partition, context["target"])
            if partition
            else None,
        }
    template = "grappes/includes/suggested.html" if request.htmx else "grappes/suggestions.html"
    return render(request, template, context)


@login_required
@require_POST
def refresh_suggestions(request):
    """A regional actor asks for the suggestions of its région to be computed again."""
    region = request.POST.get("region", "")
    if region not in _regions_of(request.user):
        raise PermissionDenied
    campaign = selectors.current_campaign()
    rules = selectors.rules_for(Programme.GENERALISATION, campaign)
    absent = missing(rules, SUGGESTION_RULES)
    if absent:
        messages.error(request, missing_message(Programme.GENERALISATION, campaign, absent))
    else:
        suggestion_store.request(region, Programme.GENERALISATION, campaign, force=True)
        messages.success(request, "Nouveau calcul des grappes suggérées demandé.")
    return redirect(f"{reverse('grappes:suggestions')}?{urlencode({'region': region})}")


def _regions_of(user) -> set[str]:
    if is_national_admin(user):
        return set(Region.objects.values_list("code", flat=True))
    return region_codes(user)


@login_required
@require_POST
def propose(request):
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Cette suggestion n'est plus valable (organisme fermé ou inconnu) : "
            "recalculez les grappes suggérées.",
        )
        return redirect("grappes:suggestions")
    bodies = list(form.cleaned_data["organismes"])
    grappe = services.create_suggested_grappe(
        request.user, bodies, selectors.current_campaign(), Programme.GENERALISATION
    )
    messages.success(request, "Grappe proposée : ses membres sont invités à l'accepter.")
    return redirect("grappes:detail", uid=grappe.uid)
