"""What the facilitator projects: the live results board (htmx polling), the board of cards
(grouped with htmx), and the exports of the results (CSV, PDF)."""

import zlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from mutualis.core import tabular
from mutualis.core.pdf import pdf_response
from mutualis.workshops import exports, selectors, services
from mutualis.workshops.forms import GroupForm
from mutualis.workshops.models import Card
from mutualis.workshops.session_views import join_url, managed_workshop

POLL_SECONDS = 3


def _board_context(request, workshop) -> dict:
    tally = selectors.tally_of(workshop)
    participants = selectors.participant_count(workshop)
    state = (workshop.status, participants, tally.ballots, [row.points for row in tally.rows])
    return {
        "workshop": workshop,
        "tally": tally,
        "participants": participants,
        "version": f"{zlib.crc32(repr(state).encode()):08x}",
        "poll_seconds": POLL_SECONDS,
        "join_url": join_url(request, workshop),
    }


@login_required
def board(request, uid):
    """The projected board; htmx asks for its results block every few seconds while the
    vote is open (the block stops the polling once the results are frozen)."""
    workshop = managed_workshop(request, uid)
    context = _board_context(request, workshop)
    if request.htmx:
        if request.GET.get("version") == context["version"]:
            return HttpResponse(status=204)  # nothing changed: htmx keeps the block
        return render(request, "workshops/includes/board_results.html", context)
    return render(request, "workshops/board.html", context)


def _filename(workshop, extension: str) -> str:
    return f"atelier-{slugify(workshop.title)[:60]}-{workshop.code.lower()}.{extension}"


@login_required
def results_csv(request, uid):
    workshop = managed_workshop(request, uid)
    return tabular.csv_download(
        tabular.csv_lines(exports.tally_rows(selectors.tally_of(workshop))),
        _filename(workshop, "csv"),
    )


@login_required
def results_pdf(request, uid):
    workshop = managed_workshop(request, uid)
    context = _board_context(request, workshop) | {"board": selectors.card_board(workshop)}
    return pdf_response(request, "workshops/results_pdf.html", context, _filename(workshop, "pdf"))


def _cards_context(workshop, error: str | None = None) -> dict:
    return {
        "workshop": workshop,
        "board": selectors.card_board(workshop),
        "group_labels": selectors.group_labels(workshop),
        "error": error,
    }


@login_required
def cards(request, uid):
    workshop = managed_workshop(request, uid)
    template = "workshops/includes/card_board.html" if request.htmx else "workshops/cards.html"
    return render(request, template, _cards_context(workshop))


@login_required
@require_POST
def group_card(request, uid, card_uid):
    """htmx: file a card under a label; the whole board is returned (its container swapped)."""
    workshop = managed_workshop(request, uid)
    card = get_object_or_404(Card, uid=card_uid, workshop=workshop)
    form = GroupForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.group_card(request.user, card, form.cleaned_data["group"])
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = "Le regroupement fait au plus 80 caractères."
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("workshops:cards", uid=uid)
    return render(request, "workshops/includes/card_board.html", _cards_context(workshop, error))
