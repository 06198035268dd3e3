"""Needs surveys: campaigns (regional actors, national administrators), answers (members of
a managing body, for it or one of its ESSMS), needs analysis and its exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import errors, tabular
from mutualis.initiatives.models import SiDomain
from mutualis.workshops import exports, survey_selectors, survey_services
from mutualis.workshops.analysis import LEVELS
from mutualis.workshops.models import NeedsSurvey, Priority
from mutualis.workshops.perms import (
    can_answer_survey,
    can_create_survey,
    can_manage_survey,
    can_view_survey_results,
)
from mutualis.workshops.survey_forms import RespondentForm, SurveyAnswerForm, SurveyForm


@login_required
@require_http_methods(["GET", "POST"])
def surveys(request):
    if not can_create_survey(request.user):
        raise PermissionDenied(
            "Les recensements des besoins sont lancés par les acteurs régionaux et les "
            "administrateurs nationaux."
        )
    regions = None if is_national_admin(request.user) else region_codes(request.user)
    form = SurveyForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_services.create_survey(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Recensement « {survey.title} » créé.")
            return redirect("workshops:survey", uid=survey.uid)
    return render(
        request,
        "workshops/surveys.html",
        {"form": form, "surveys": survey_selectors.surveys_for_staff(request.user)},
    )


def _survey(uid) -> NeedsSurvey:
    return get_object_or_404(NeedsSurvey.objects.select_related("region"), uid=uid)


@login_required
def survey(request, uid):
    survey_ = _survey(uid)
    membership = request.current_membership
    body = membership.managing_body if membership else None
    establishments = body.establishments.filter(is_closed=False).order_by("name") if body else []
    return render(
        request,
        "workshops/survey.html",
        {
            "survey": survey_,
            "body": body,
            "levers": survey_.levers.all(),
            "answers": survey_selectors.answers_of(survey_, body) if body else [],
            "respondent_form": RespondentForm(managing_body=body, establishments=establishments)
            if body and survey_.is_open
            else None,
            "can_answer": bool(body) and can_answer_survey(request.user, survey_, body),
            "can_manage": can_manage_survey(request.user, survey_),
            "can_view_results": can_view_survey_results(request.user, survey_),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, uid):
    """The answer of the current organisation, or of one of its ESSMS (?pour=FINESS)."""
    survey_ = _survey(uid)
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied(errors.NOT_A_MEMBER)
    body = membership.managing_body
    establishment = None
    if request.GET.get("pour"):
        # Parsed by the form that offers the choice (a NUL byte never reaches PostgreSQL).
        open_ones = body.establishments.filter(is_closed=False)
        respondent = RespondentForm(request.GET, managing_body=body, establishments=open_ones)
        if not respondent.is_valid():
            raise Http404
        finess = respondent.cleaned_data["pour"]
        if finess != body.finess:
            establishment = open_ones.get(finess=finess)
    if not can_answer_survey(request.user, survey_, body, establishment):
        raise PermissionDenied(
            "Ce recensement est clos, ou il ne couvre pas la région de votre organisme."
        )
    existing = survey_selectors.answer_for(survey_, body, establishment)
    form = SurveyAnswerForm(
        request.POST or None,
        levers=survey_.levers.all(),
        domains=SiDomain.objects.all(),
        answer=existing,
    )
    if request.method == "POST" and form.is_valid():
        survey_services.save_answer(
            request.user,
            survey_,
            body,
            form.ratings(),
            form.cleaned_data["besoins"],
            form.cleaned_data["commentaire"],
            establishment=establishment,
        )
        messages.success(
            request, "Réponse enregistrée : vous pouvez la modifier jusqu'à la clôture."
        )
        return redirect("workshops:survey", uid=uid)
    return render(
        request,
        "workshops/survey_answer.html",
        {
            "survey": survey_,
            "form": form,
            "respondent": establishment or body,
            "existing": existing,
        },
    )


@login_required
@require_POST
def close(request, uid):
    survey_services.close_survey(request.user, _survey(uid))
    messages.success(request, "Recensement clos : les réponses ne sont plus modifiables.")
    return redirect("workshops:survey", uid=uid)


def _readable(request, uid) -> NeedsSurvey:
    survey_ = _survey(uid)
    if not can_view_survey_results(request.user, survey_):
        raise PermissionDenied(
            "Les résultats sont visibles des organismes qui ont répondu une fois le "
            "recensement clos : attendez sa clôture."
        )
    return survey_


@login_required
def results(request, uid):
    survey_ = _readable(request, uid)
    return render(
        request,
        "workshops/survey_results.html",
        {
            "survey": survey_,
            "report": survey_selectors.report(survey_),
            "levels": [(level, Priority(level).label) for level in LEVELS],
        },
    )


@login_required
def export(request, uid, extension: str):
    survey_ = _readable(request, uid)
    report = survey_selectors.report(survey_)
    name = f"analyse-des-besoins-{slugify(survey_.title)[:60]}"
    if extension == "xlsx":
        return tabular.xlsx_download(
            tabular.xlsx_sheets(exports.survey_sheets(report)), f"{name}.xlsx"
        )
    return tabular.csv_download(tabular.csv_lines(exports.survey_flat_rows(report)), f"{name}.csv")
