"""The facilitator's side of a session: create it, edit its levers, show its code and QR
code, open and close the vote, archive it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.workshops import qr, selectors, services, voting
from mutualis.workshops.forms import (
    LeversForm,
    NewRoundForm,
    WorkshopForm,
    default_levers_text,
)
from mutualis.workshops.models import Workshop
from mutualis.workshops.perms import can_facilitate, can_manage_workshop


def managed_workshop(request, uid) -> Workshop:
    workshop = get_object_or_404(Workshop, uid=uid)
    if not can_manage_workshop(request.user, workshop):
        raise PermissionDenied("Seul l'animateur de l'atelier peut le gérer.")
    return workshop


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request):
    if not can_facilitate(request.user):
        raise PermissionDenied(
            "Les ateliers sont animés par les acteurs régionaux et les administrateurs "
            "d'un organisme gestionnaire."
        )
    form = WorkshopForm(
        request.POST or None,
        initial={"rule": Workshop.Rule.RANKED, "dots": 6, "levers": default_levers_text()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.create_workshop(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Session créée : les participants la rejoignent avec le code {workshop.code}.",
            )
            return redirect("workshops:session", uid=workshop.uid)
    found = list(selectors.workshops_of(request.user))
    return render(
        request,
        "workshops/sessions.html",
        {
            "form": form,
            "current": [w for w in found if w.status != Workshop.Status.ARCHIVED],
            "archived": [w for w in found if w.status == Workshop.Status.ARCHIVED],
        },
    )


def join_url(request, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("workshops:join_code", args=[workshop.code]))


@login_required
def session(request, uid):
    workshop = managed_workshop(request, uid)
    return render(
        request,
        "workshops/session.html",
        {
            "workshop": workshop,
            "levers": workshop.levers.all(),
            "levers_form": LeversForm(
                initial={
                    "levers": "\n".join(f"{lv.code}. {lv.label}" for lv in workshop.levers.all())
                }
            ),
            "rule": voting.rule_for(workshop.rule, workshop.dots),
            "rounds": selectors.rounds_of(workshop),
            "round_form": NewRoundForm(),
            "participants": selectors.participant_count(workshop),
            "join_url": join_url(request, workshop),
            "cards": workshop.cards.count(),
        },
    )


@login_required
@require_POST
def edit_levers(request, uid):
    workshop = managed_workshop(request, uid)
    form = LeversForm(request.POST)
    if form.is_valid():
        try:
            services.set_levers(request.user, workshop, form.cleaned_data["levers"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Leviers de la session enregistrés.")
    else:
        messages.error(request, form.errors["levers"][0])
    return redirect("workshops:session", uid=uid)


ACTIONS = {
    "ouvrir": (services.open_vote, "Vote ouvert : les participants peuvent voter."),
    "clore": (services.close_vote, "Vote clos : les résultats sont figés."),
    "archiver": (services.archive, "Session archivée avec ses résultats."),
}


@login_required
@require_POST
def change_status(request, uid):
    workshop = managed_workshop(request, uid)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, "Action inconnue.")
        return redirect("workshops:session", uid=uid)
    service, message = action
    try:
        service(request.user, workshop)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, message)
    return redirect("workshops:session", uid=uid)


@login_required
@require_POST
def new_round(request, uid):
    workshop = managed_workshop(request, uid)
    form = NewRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("workshops:session", uid=uid)
    try:
        workshop = services.start_round(request.user, workshop, form.chosen_top())
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Tour {workshop.round} ouvert : les participants peuvent voter.")
    return redirect("workshops:session", uid=uid)


@login_required
def qr_code(request, uid):
    workshop = managed_workshop(request, uid)
    svg = qr.qr_svg(join_url(request, workshop), f"Rejoindre la session {workshop.code}")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response
