"""Hub of the app, and the participant's side of a session: join with the code (no account
needed), vote, post cards. The participant is known by a key kept in their session."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core import ratelimit
from mutualis.workshops import codes, selectors, services, survey_selectors, voting
from mutualis.workshops.forms import BallotForm, CardForm, JoinForm, NameForm
from mutualis.workshops.models import Workshop
from mutualis.workshops.perms import can_create_survey, can_facilitate

SESSION_KEY = "ateliers"


def home(request):
    membership = request.current_membership
    return render(
        request,
        "workshops/home.html",
        {
            "join_form": JoinForm(),
            "surveys": survey_selectors.open_surveys_for(membership.managing_body)
            if membership
            else [],
            "answered": survey_selectors.finished_surveys_answered_by(membership.managing_body)
            if membership
            else [],
            "membership": membership,
            "can_facilitate": can_facilitate(request.user),
            "can_create_survey": can_create_survey(request.user),
        },
    )


CODE_SCOPE = "workshop-code"


def limit_code_guessing(view):
    """Views reached with a workshop code: a client that tried too many wrong codes within
    the hour gets a 429 page instead, except for a session it already joined (participants
    of one venue often share an address)."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        joined = codes.normalize(kwargs.get("code", "")) in request.session.get(SESSION_KEY, {})
        attempts = settings.MUTUALIS["WORKSHOP_CODE_ATTEMPTS"]
        if not joined and ratelimit.is_blocked(CODE_SCOPE, request, attempts):
            return ratelimit.too_many_requests(
                request,
                title="Trop de codes erronés",
                message=(
                    "Trop de codes de session erronés ont été saisis depuis cet appareil. "
                    "Réessayez dans une heure, ou scannez le QR code affiché par l'animateur."
                ),
                back_url=reverse("workshops:home"),
                back_label="Retour aux besoins et ateliers",
            )
        return view(request, *args, **kwargs)

    return limited


def _workshop(request, code: str) -> Workshop:
    """The session of a code; an unknown code counts against the client's attempts."""
    workshop = selectors.workshop_by_code(codes.normalize(code))
    if workshop is None:
        ratelimit.record_failure(CODE_SCOPE, request)
        raise Http404("Aucune session avec ce code.")
    return workshop


def _participant(request, workshop: Workshop):
    key = request.session.get(SESSION_KEY, {}).get(workshop.code)
    return selectors.participant_for(workshop, key)


def _remember(request, workshop: Workshop, participant) -> None:
    joined = request.session.get(SESSION_KEY, {})
    joined[workshop.code] = participant.key
    request.session[SESSION_KEY] = joined


def _join(request, workshop: Workshop, display_name: str):
    if _participant(request, workshop) is None:
        try:
            participant = services.join(workshop, display_name)
        except ValidationError as error:
            messages.info(request, error.messages[0])
            return redirect("workshops:participate", code=workshop.code)
        _remember(request, workshop, participant)
    return redirect("workshops:participate", code=workshop.code)


@limit_code_guessing
@require_http_methods(["GET", "POST"])
def join(request):
    """The code typed by the participant leads to the session's join page."""
    form = JoinForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        workshop = selectors.workshop_by_code(form.cleaned_data["code"])
        if workshop is not None:
            return redirect("workshops:join_code", code=workshop.code)
        ratelimit.record_failure(CODE_SCOPE, request)
        form.add_error(
            "code", "Aucune session ne porte ce code : vérifiez-le auprès de l'animateur."
        )
    return render(request, "workshops/join.html", {"form": form})


@limit_code_guessing
@require_http_methods(["GET", "POST"])
def join_code(request, code: str):
    """The address of the QR code: the code is in it, only a name is asked (optional)."""
    workshop = _workshop(request, code)
    if _participant(request, workshop) or workshop.is_frozen:
        return redirect("workshops:participate", code=workshop.code)
    form = NameForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        return _join(request, workshop, form.cleaned_data["display_name"])
    return render(request, "workshops/join_code.html", {"workshop": workshop, "form": form})


def _ballot_context(workshop: Workshop, participant, form=None, saved=False) -> dict:
    rule = voting.rule_for(workshop.rule, workshop.dots)
    marks = selectors.ballot_of(participant, workshop.round) if participant else {}
    levers = list(workshop.levers.filter(in_round=True))
    return {
        "workshop": workshop,
        "participant": participant,
        "rule": rule,
        "marks": sorted(
            ((lever, marks[lever.code]) for lever in levers if lever.code in marks),
            key=lambda mark: -mark[1],
        ),
        "ballot_form": form or BallotForm(rule=rule, levers=levers, marks=marks),
        "saved": saved,
    }


def _phase(workshop: Workshop) -> str:
    """What a participant's page shows of the session: its state and round (other people's
    votes do not re-render a ballot being filled in)."""
    return f"{workshop.status}-{workshop.round}"


def _state_context(workshop: Workshop, participant) -> dict:
    return _ballot_context(workshop, participant) | {
        "phase": _phase(workshop),
        "tally": selectors.tally_of(workshop) if workshop.is_frozen else None,
    }


@limit_code_guessing
def participate(request, code: str):
    workshop = _workshop(request, code)
    participant = _participant(request, workshop)
    if participant is None and not workshop.is_frozen:
        return redirect("workshops:join_code", code=workshop.code)
    context = _state_context(workshop, participant) | {
        "card_form": CardForm(),
        "cards": selectors.cards_of(participant) if participant else [],
    }
    return render(request, "workshops/participate.html", context)


@limit_code_guessing
@require_http_methods(["GET"])
def state(request, code: str):
    """htmx polls it from a participant's page: 204 while the session's state and round are
    those the page shows, else the state block (badge, results, ballot) to swap."""
    workshop = _workshop(request, code)
    participant = _participant(request, workshop)
    if participant is None:
        raise PermissionDenied
    if request.GET.get("phase") == _phase(workshop):
        return HttpResponse(status=204)
    return render(
        request, "workshops/includes/participant_state.html", _state_context(workshop, participant)
    )


@limit_code_guessing
@require_http_methods(["GET", "POST"])
def ballot(request, code: str):
    """GET: the ballot block (htmx polls it while the vote is not open); POST: vote."""
    workshop = _workshop(request, code)
    participant = _participant(request, workshop)
    if participant is None:
        raise PermissionDenied
    if request.method == "GET":
        return render(
            request, "workshops/includes/ballot.html", _ballot_context(workshop, participant)
        )
    rule = voting.rule_for(workshop.rule, workshop.dots)
    form = BallotForm(request.POST, rule=rule, levers=list(workshop.levers.filter(in_round=True)))
    saved = False
    if form.is_valid():
        try:
            services.vote(participant, form.placements())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            saved = True
    workshop.refresh_from_db()
    if request.htmx:
        context = _ballot_context(workshop, participant, None if saved else form, saved)
        return render(request, "workshops/includes/ballot.html", context)
    if saved:
        messages.success(
            request, "Votre vote est enregistré : vous pouvez le modifier jusqu'à la clôture."
        )
    else:
        for message in form.non_field_errors() or ["Votre bulletin n'est pas valide."]:
            messages.error(request, message)
    return redirect("workshops:participate", code=workshop.code)


@limit_code_guessing
@require_POST
def post_card(request, code: str):
    workshop = _workshop(request, code)
    participant = _participant(request, workshop)
    if participant is None:
        raise PermissionDenied
    form = CardForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.post_card(
                participant, form.cleaned_data["question"], form.cleaned_data["text"]
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            form = CardForm()
    if request.htmx:
        return render(
            request,
            "workshops/includes/my_cards.html",
            {
                "workshop": workshop,
                "card_form": form,
                "cards": selectors.cards_of(participant),
                "error": error,
                "posted": error is None and not form.is_bound,
            },
        )
    if error:
        messages.error(request, error)
    elif form.is_bound:
        messages.error(request, "Choisissez une question et écrivez votre carte.")
    else:
        messages.success(request, "Carte ajoutée.")
    return redirect("workshops:participate", code=workshop.code)
