"""Needs surveys: campaigns (regional actors, national administrators), answers (members of
a managing body, for it or one of its ESSMS), needs analysis and its exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts.perms import is_member, is_national_admin, region_codes
from mutualis.core import errors, tabular
from mutualis.initiatives.models import SiDomain
from mutualis.workshops import survey_exports, survey_scope, survey_selectors, survey_services
from mutualis.workshops.analysis import LEVELS
from mutualis.workshops.models import NeedsSurvey, Priority
from mutualis.workshops.perms import (
    can_answer_survey,
    can_create_survey,
    can_manage_survey,
    can_view_survey_results,
)
from mutualis.workshops.survey_forms import RespondentForm, SurveyAnswerForm, SurveyForm
from mutualis.workshops.survey_perms import can_distribute_survey


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


def _respondent_form(survey_: NeedsSurvey, body, data=None) -> RespondentForm:
    """The respondents the body may choose in the survey's territory; its other open ESSMS
    are refused with the reason."""
    allowed = list(survey_scope.respondent_establishments(survey_, body))
    allowed_ids = {e.pk for e in allowed}
    refusals = {
        e.finess: survey_scope.establishment_out_of_scope(survey_, e)
        for e in survey_scope.open_establishments(body)
        if e.pk not in allowed_ids
    }
    as_body = survey_scope.body_may_answer(survey_, body)
    if not as_body:
        refusals[body.finess] = survey_scope.body_out_of_scope(survey_)
    return RespondentForm(
        data,
        managing_body=body,
        establishments=allowed,
        as_body=as_body,
        refusals=refusals,
    )


@login_required
def survey(request, uid):
    survey_ = _survey(uid)
    membership = request.current_membership
    body = membership.managing_body if membership else None
    respondent_form = _respondent_form(survey_, body) if body and survey_.is_open else None
    return render(
        request,
        "workshops/survey.html",
        {
            "survey": survey_,
            "body": body,
            "levers": survey_.levers.all(),
            "answers": survey_selectors.answers_of(survey_, body) if body else [],
            "respondent_form": respondent_form
            if respondent_form and respondent_form.fields["pour"].choices
            else None,
            "out_of_scope": survey_scope.body_out_of_scope(survey_)
            if respondent_form and not respondent_form.fields["pour"].choices
            else "",
            "can_answer": bool(body) and can_answer_survey(request.user, survey_, body),
            "can_manage": can_manage_survey(request.user, survey_),
            "can_distribute": can_distribute_survey(request.user, survey_),
            "can_view_results": can_view_survey_results(request.user, survey_),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, uid):
    """The answer of the current organisation, or of one of its ESSMS (?pour=FINESS), within
    the survey's territory: another choice is refused with a form error, nothing written."""
    survey_ = _survey(uid)
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied(errors.NOT_A_MEMBER)
    body = membership.managing_body
    if not (survey_.is_open and is_member(request.user, body.pk)):
        raise PermissionDenied(
            "Ce recensement n'est pas ouvert : les réponses ne sont plus modifiables."
        )
    chosen = request.GET.get("pour") or request.POST.get("pour") or body.finess
    respondent = _respondent_form(survey_, body, {"pour": chosen})
    if not respondent.is_valid():
        if chosen not in respondent.refusals:
            raise Http404  # not the body nor one of its ESSMS: nothing to say about it
        return render(
            request,
            "workshops/survey_answer.html",
            {"survey": survey_, "respondent_form": respondent, "refused": True},
        )
    finess = respondent.cleaned_data["pour"]
    establishment = (
        None if finess == body.finess else survey_scope.open_establishments(body).get(finess=finess)
    )
    existing = survey_selectors.answer_for(survey_, body, establishment)
    form = SurveyAnswerForm(
        request.POST or None,
        levers=survey_.levers.all(),
        domains=SiDomain.objects.all(),
        answer=existing,
        unique_levels=survey_.unique_levels,
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.save_answer(
                request.user,
                survey_,
                body,
                form.ratings(),
                form.cleaned_data["besoins"],
                form.cleaned_data["commentaire"],
                establishment=establishment,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
            "once_only": survey_.once_only_levels,
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
    report = survey_selectors.report(survey_)
    return render(
        request,
        "workshops/survey_results.html",
        {
            "survey": survey_,
            "report": report,
            "few": survey_exports.few(report.minimum),
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
            tabular.xlsx_sheets(survey_exports.survey_sheets(report)), f"{name}.xlsx"
        )
    return tabular.csv_download(
        tabular.csv_lines(survey_exports.survey_flat_rows(report)), f"{name}.csv"
    )
