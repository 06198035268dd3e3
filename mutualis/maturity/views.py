from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts.perms import is_national_admin
from mutualis.core import audit, errors
from mutualis.core.pdf import pdf_response
from mutualis.maturity import leads, results, selectors, services
from mutualis.maturity.forms import ReferentialUploadForm, StartAssessmentForm, parse_level
from mutualis.maturity.models import Assessment, PrefillSource
from mutualis.maturity.perms import can_edit_assessment, can_view_assessment
from mutualis.maturity.referential import COLUMNS, ReferentialFileError, load_referential


def home(request):
    membership = request.current_membership
    context = {"membership": membership, "is_national_admin": is_national_admin(request.user)}
    if membership:
        body = membership.managing_body
        context |= {
            "assessments": selectors.assessments_of(body),
            "form": StartAssessmentForm(managing_body=body),
            "referential": selectors.current_referential(),
        }
    return render(request, "maturity/home.html", context)


@login_required
@require_POST
def start(request):
    membership = request.current_membership
    if membership is None:
        raise PermissionDenied(errors.NOT_A_MEMBER)
    body = membership.managing_body
    form = StartAssessmentForm(request.POST, managing_body=body)
    if not form.is_valid():
        messages.error(request, "Choisissez l'organisme ou l'un de ses établissements.")
        return redirect("maturity:home")
    finess = form.cleaned_data["subject"]
    establishment = body.establishments.get(finess=finess) if finess else None
    assessment = services.start_assessment(request.user, body, establishment)
    return redirect("maturity:fill", uid=assessment.uid)


def _assessment(request, uid, edit: bool = False) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("managing_body", "establishment", "referential"),
        uid=uid,
    )
    allowed = can_edit_assessment if edit else can_view_assessment
    if not allowed(request.user, assessment):
        raise PermissionDenied(
            "Seuls les membres de l'organisme gestionnaire modifient cet autodiagnostic "
            "tant qu'il n'est pas soumis."
            if edit
            else "Cet autodiagnostic n'est visible que de son organisme gestionnaire et des "
            "grappes avec lesquelles il l'a partagé."
        )
    return assessment


@login_required
@require_http_methods(["GET", "POST"])
def fill(request, uid):
    """One dimension per page; answers saved as they are chosen (htmx) or with the button."""
    assessment = _assessment(request, uid, edit=True)
    if assessment.is_submitted:
        return redirect("maturity:result", uid=uid)
    dimensions = list(selectors.dimensions(assessment.referential))
    code = request.GET.get("dimension") or dimensions[0].code
    index = next((i for i, d in enumerate(dimensions) if d.code == code), None)
    if index is None:
        raise Http404
    dimension = dimensions[index]
    if request.method == "POST":
        codes = [i.code for theme in dimension.themes.all() for i in theme.indicators.all()]
        try:
            levels = {code: _posted_level(request, code) for code in codes}
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(f"{reverse('maturity:fill', args=[uid])}?dimension={dimension.code}")
        for code, level in levels.items():
            services.save_answer(request.user, assessment, code, level)
        following = dimensions[index + 1] if index + 1 < len(dimensions) else None
        messages.success(request, f"Réponses de la dimension « {dimension.label} » enregistrées.")
        url = reverse("maturity:fill", args=[uid])
        return redirect(f"{url}?dimension={following.code}" if following else url + "?fin=1")
    return render(
        request,
        "maturity/fill.html",
        {
            "assessment": assessment,
            "dimension": dimension,
            "finished": "fin" in request.GET,
            **_fill_state(assessment, dimensions),
        },
    )


def _fill_state(assessment: Assessment, dimensions) -> dict:
    """What the fill page shows around the questions, and what an htmx save refreshes:
    counters, pre-filled marks, contradictions with the IT profile, what blocks submission."""
    levels = selectors.levels(assessment)
    score = selectors.assessment_score(assessment)
    socle = {
        i.code for d in dimensions for t in d.themes.all() for i in t.indicators.all() if i.is_socle
    }
    sources = dict(PrefillSource.choices)
    return {
        "levels": levels,
        "score": score,
        "dimensions": results.dimension_progress(dimensions, levels),
        "prefilled": {
            code: sources[source]
            for code, source in assessment.answers.exclude(prefill_source="").values_list(
                "indicator__code", "prefill_source"
            )
        },
        "contradictions": selectors.contradictions(assessment, levels),
        "missing_socle": [code for code in score.unanswered if code in socle],
    }


def _posted_level(request, code: str) -> int | None:
    return parse_level(request.POST.get(f"niveau-{code}", ""))


@login_required
@require_POST
def save_answer(request, uid, code: str):
    """htmx: save one answer, return the save status of the question."""
    assessment = _assessment(request, uid, edit=True)
    try:
        services.save_answer(request.user, assessment, code, _posted_level(request, code))
    except ValidationError as error:
        return render(request, "maturity/includes/save_status.html", {"error": error.messages[0]})
    dimensions = list(selectors.dimensions(assessment.referential))
    context = {"saved": True, "assessment": assessment, "code": code}
    return render(
        request,
        "maturity/includes/save_status.html",
        context | _fill_state(assessment, dimensions),
    )


@login_required
@require_POST
def submit(request, uid):
    assessment = _assessment(request, uid, edit=True)
    try:
        services.submit_assessment(request.user, assessment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(reverse("maturity:fill", args=[uid]) + "?fin=1")
    messages.success(request, "Autodiagnostic soumis : voici votre résultat.")
    return redirect("maturity:result", uid=uid)


@login_required
@require_POST
def reopen(request, uid):
    services.reopen_assessment(request.user, _assessment(request, uid, edit=True))
    messages.info(request, "Autodiagnostic rouvert : vos modifications seront à soumettre.")
    return redirect("maturity:fill", uid=uid)


@login_required
@require_POST
def share(request, uid):
    shared = request.POST.get("partage") == "oui"
    services.share_with_region(request.user, _assessment(request, uid, edit=True), shared)
    messages.success(
        request,
        "Réponses partagées avec l'autorité régionale."
        if shared
        else "Réponses non partagées : elles restent visibles de votre organisme seul.",
    )
    return redirect("maturity:result", uid=uid)


@login_required
def result(request, uid):
    assessment = _assessment(request, uid)
    return render(request, "maturity/result.html", _result_context(request, assessment))


@login_required
def result_pdf(request, uid):
    assessment = _assessment(request, uid)
    name = slugify(f"autodiagnostic-{assessment.campaign}-{assessment.subject_name}")
    return pdf_response(
        request, "maturity/result_pdf.html", _result_context(request, assessment), f"{name}.pdf"
    )


def _result_context(request, assessment: Assessment) -> dict:
    report = results.build_report(assessment)
    return {
        "assessment": assessment,
        "report": report,
        "can_edit": can_edit_assessment(request.user, assessment),
        "radar": results.radar(report),
        "gap_leads": leads.leads_for(report.dimensions, request.user, assessment),
    }


@login_required
@require_http_methods(["GET", "POST"])
def referentials(request):
    """National administrators load a new version of the referential from a CSV file."""
    if not is_national_admin(request.user):
        raise PermissionDenied(errors.NATIONAL_ADMIN_ONLY)
    form = ReferentialUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referential = load_referential(
                data["file"], data["version"], data["title"], data["source"], data["make_current"]
            )
        except ReferentialFileError as error:
            problems = error.errors
        else:
            audit.record(request.user, "maturity.referential_load", referential)
            messages.success(request, f"Référentiel {referential} chargé.")
            return redirect("maturity:referentials")
    return render(
        request,
        "maturity/referentials.html",
        {
            "form": form,
            "errors": problems,
            "versions": selectors.referential_versions(),
            "columns": COLUMNS,
        },
    )
