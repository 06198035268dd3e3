"""A survey's distribution, for its staff: invitations and reminders by e-mail (previewed,
then confirmed), response rate by département, organisations without an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from mutualis.core import tabular
from mutualis.core.pagination import paginate
from mutualis.workshops import survey_distribution, survey_mailing
from mutualis.workshops.models import NeedsSurvey
from mutualis.workshops.survey_forms import SendConfirmForm
from mutualis.workshops.survey_perms import can_distribute_survey

ROUNDS = {
    "invitation": {
        "title": "Inviter les organismes du territoire",
        "button": "Envoyer les invitations",
        "count": "invite_recipients",
        "bodies": "to_invite",
        "send": survey_mailing.invite_respondents,
    },
    "relance": {
        "title": "Relancer les organismes qui n'ont pas répondu",
        "button": "Envoyer les relances",
        "count": "remind_recipients",
        "bodies": "to_remind",
        "send": survey_mailing.remind_respondents,
    },
}


def _staff_survey(request, uid) -> NeedsSurvey:
    survey = get_object_or_404(NeedsSurvey.objects.select_related("region"), uid=uid)
    if not can_distribute_survey(request.user, survey):
        raise PermissionDenied(
            "La diffusion d'un recensement revient à son auteur, aux acteurs régionaux de sa "
            "région et aux administrateurs nationaux."
        )
    return survey


@login_required
def distribution(request, uid):
    survey = _staff_survey(request, uid)
    rates, total = survey_distribution.response_rates(survey)
    return render(
        request,
        "workshops/survey_distribution.html",
        {
            "survey": survey,
            "preview": survey_distribution.preview(survey, timezone.now()),
            "rates": rates,
            "total": total,
            "page_obj": paginate(request, survey_distribution.bodies_without_account(survey)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def send(request, uid, kind: str):
    """Preview of a round (how many organisations and addresses), then its confirmation."""
    survey = _staff_survey(request, uid)
    round_ = ROUNDS[kind]
    preview = survey_distribution.preview(survey, timezone.now())
    current = getattr(preview, round_["count"])
    form = SendConfirmForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            sent = round_["send"](
                request.user, survey, base_url=request.build_absolute_uri("/").rstrip("/")
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{sent.recipients} message(s) envoyé(s) à {sent.bodies} organisme(s).",
            )
            return redirect("workshops:survey_distribution", uid=survey.uid)
    return render(
        request,
        "workshops/survey_send.html",
        {
            "survey": survey,
            "round": round_,
            "kind": kind,
            "preview": preview,
            "recipients": current,
            "bodies": getattr(preview, round_["bodies"]),
            "form": form,
        },
    )


@login_required
def without_account_csv(request, uid):
    survey = _staff_survey(request, uid)
    rows = [["Organisme gestionnaire", "FINESS EJ", "ESSMS ouverts dans le territoire", "Ville"]]
    rows += [
        [body.display_name, body.finess, body.essms, body.city]
        for body in survey_distribution.bodies_without_account(survey)
    ]
    name = f"organismes-sans-compte-{slugify(survey.title)[:60]}.csv"
    return tabular.csv_download(tabular.csv_lines(rows), name)
