"""What the facilitator projects: the live results board (htmx polling of the session's
version), its full-screen projection, the board of cards (grouped with htmx), and the exports
of a round's results (CSV, XLSX with the cards, PDF)."""

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
from mutualis.workshops.forms import GroupForm, asked_round
from mutualis.workshops.models import Card
from mutualis.workshops.session_views import join_url, managed_workshop

POLL_SECONDS = 2  # a change shows on the board within 3 s (one poll and its answer)


def _board_context(request, workshop) -> dict:
    number, tally = selectors.round_tally(workshop, asked_round(request.GET))
    return {
        "workshop": workshop,
        "tally": tally,
        "round": number,
        "rounds": selectors.rounds_of(workshop),
        # The current round's board follows the session (a new round may follow a close).
        "live": number == workshop.round and workshop.status != workshop.Status.ARCHIVED,
        "participants": selectors.participant_count(workshop),
        "version": str(workshop.version),
        "poll_seconds": POLL_SECONDS,
        "join_url": join_url(request, workshop),
    }


def _board(request, uid, template: str):
    workshop = managed_workshop(request, uid)
    if request.htmx:
        if request.GET.get("version") == str(workshop.version):
            return HttpResponse(status=204)  # nothing changed: htmx keeps the block
        template = "workshops/includes/board_results.html"
    return render(request, template, _board_context(request, workshop))


@login_required
def board(request, uid):
    """The board; htmx asks for its results block every few seconds with the version it
    shows, and gets a 204 until the session's version moves (no polling of a past round)."""
    return _board(request, uid, "workshops/board.html")


@login_required
def projection(request, uid):
    """The same board, full screen for a projector: no site header or footer, large code
    and QR code."""
    return _board(request, uid, "workshops/projection.html")


def _filename(workshop, extension: str, number: int = 1) -> str:
    suffix = f"-tour-{number}" if workshop.round > 1 else ""
    return f"atelier-{slugify(workshop.title)[:60]}-{workshop.code.lower()}{suffix}.{extension}"


@login_required
def results_csv(request, uid):
    workshop = managed_workshop(request, uid)
    number, tally = selectors.round_tally(workshop, asked_round(request.GET))
    return tabular.csv_download(
        tabular.csv_lines(exports.tally_rows(tally)), _filename(workshop, "csv", number)
    )


@login_required
def results_xlsx(request, uid):
    """A round's ranking and the session's cards by question and group (sheet "Cartes")."""
    workshop = managed_workshop(request, uid)
    number, tally = selectors.round_tally(workshop, asked_round(request.GET))
    content = tabular.xlsx_sheets(exports.workshop_sheets(tally, selectors.card_board(workshop)))
    return tabular.xlsx_download(content, _filename(workshop, "xlsx", number))


@login_required
def results_pdf(request, uid):
    workshop = managed_workshop(request, uid)
    context = _board_context(request, workshop) | {"board": selectors.card_board(workshop)}
    return pdf_response(
        request,
        "workshops/results_pdf.html",
        context,
        _filename(workshop, "pdf", context["round"]),
    )


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
