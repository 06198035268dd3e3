"""Plans: the list, opening one from a workshop or a survey, its working page, horizon,
publication, public page, review, next plan and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.actionplans import exports, perms, selectors, services
from mutualis.actionplans.forms import HorizonForm, OpenPlanForm
from mutualis.actionplans.models import ActionPlan
from mutualis.core.forms import chosen
from mutualis.core.pagination import paginate
from mutualis.core.pdf import pdf_response
from mutualis.core.tabular import Sheet, csv_download, csv_lines, xlsx_download, xlsx_sheets
from mutualis.core.text import count_label
from mutualis.directory.models import ManagingBody
from mutualis.workshops.models import NeedsSurvey, Workshop

MANAGERS_ONLY = "Seul l'animateur du plan d'action (ou un administrateur national) peut le faire."


def plan_or_404(uid) -> ActionPlan:
    plan = selectors.plan_by_uid(uid)
    if plan is None:
        raise Http404
    return plan


def viewable_plan(request, uid) -> ActionPlan:
    """The plan's working page: 404 for users who may not see it (nothing leaks)."""
    plan = plan_or_404(uid)
    if not perms.can_view_plan(request.user, plan):
        raise Http404
    return plan


def managed_plan(request, uid) -> ActionPlan:
    plan = viewable_plan(request, uid)
    if not perms.can_manage_plan(request.user, plan):
        raise PermissionDenied(MANAGERS_ONLY)
    return plan


def plan_list(request):
    page = paginate(request, selectors.plans_for(request.user).order_by("-opened_on", "title"))
    return render(
        request,
        "actionplans/plan_list.html",
        {
            "page_obj": page,
            "workable": {p.pk for p in page if perms.can_view_plan(request.user, p)},
            "can_open": bool(
                selectors.closed_workshops_of(request.user).exists()
                or selectors.finished_surveys_of(request.user).exists()
            )
            if request.user.is_authenticated
            else False,
        },
    )


def _source(request):
    """The workshop or survey named in the query string, if the user may open a plan from it
    (else 404)."""
    if "atelier" in request.GET:
        workshop = chosen(Workshop.objects.all(), request.GET["atelier"], "uid")
        if workshop is None or not perms.can_open_from_workshop(request.user, workshop):
            raise Http404
        return workshop, None
    if "recensement" in request.GET:
        survey = chosen(NeedsSurvey.objects.all(), request.GET["recensement"], "uid")
        if survey is None or not perms.can_open_from_survey(request.user, survey):
            raise Http404
        return None, survey
    return None, None


def _regions_for(user, survey) -> set[str] | None:
    """The régions a plan may be opened for (None: every one)."""
    if survey is not None and survey.scope == NeedsSurvey.Scope.REGIONAL:
        return {survey.region_id}
    if is_national_admin(user):
        return None
    found = set(region_codes(user)) | set(
        ManagingBody.objects.filter(pk__in=actor_of(user).body_ids)
        .exclude(departement=None)
        .values_list("departement__region_id", flat=True)
    )
    return found or None


@login_required
@require_http_methods(["GET", "POST"])
def new_plan(request):
    workshop, survey = _source(request)
    form = None
    if workshop is not None or survey is not None:
        form = OpenPlanForm(request.POST or None, regions=_regions_for(request.user, survey))
        if request.method == "POST" and form.is_valid():
            try:
                plan = services.open_plan(
                    request.user,
                    form.cleaned_data["region"],
                    workshop=workshop,
                    survey=survey,
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Plan d'action ouvert : ajoutez ses actions.")
                return redirect("actionplans:plan", uid=plan.uid)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "actionplans/new_plan.html",
        {
            "workshop": workshop,
            "survey": survey,
            "form": form,
            "workshops": selectors.closed_workshops_of(request.user),
            "surveys": selectors.finished_surveys_of(request.user),
        },
    )


def plan_context(request, plan: ActionPlan) -> dict:
    today = timezone.localdate()
    return {
        "plan": plan,
        "groups": selectors.grouped_actions(plan),
        "today": today,
        "can_manage": perms.can_manage_plan(request.user, plan),
        "timeline": selectors.plan_timeline(plan)[:30],
    }


@login_required
def plan_detail(request, uid):
    plan = viewable_plan(request, uid)
    context = plan_context(request, plan)
    if context["can_manage"]:
        context["horizon_form"] = HorizonForm(initial={"horizon_on": plan.horizon_on})
    context["next_plans"] = plan.next_plans.all()
    return render(request, "actionplans/plan_detail.html", context)


def public_plan(request, uid):
    plan = plan_or_404(uid)
    if not perms.can_read_public(plan):
        raise Http404
    return render(request, "actionplans/public_plan.html", plan_context(request, plan))


@login_required
@require_POST
def set_horizon(request, uid):
    plan = managed_plan(request, uid)
    form = HorizonForm(request.POST)
    if form.is_valid():
        try:
            services.set_horizon(request.user, plan, form.cleaned_data["horizon_on"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Horizon du plan modifié.")
    else:
        messages.error(request, "Saisissez une date valable (JJ/MM/AAAA) pour l'horizon.")
    return redirect("actionplans:plan", uid=plan.uid)


@login_required
@require_POST
def set_publication(request, uid):
    plan = managed_plan(request, uid)
    publish = request.POST.get("action") == "publier"
    services.set_published(request.user, plan, publish)
    messages.success(
        request,
        "Plan publié : sa page publique est ouverte à tous."
        if publish
        else "Plan retiré de la publication : sa page publique n'est plus accessible.",
    )
    return redirect("actionplans:plan", uid=plan.uid)


@login_required
def review(request, uid):
    plan = viewable_plan(request, uid)
    today = timezone.localdate()
    rows, total = selectors.plan_review_of(plan, today)
    return render(
        request,
        "actionplans/review.html",
        {
            "plan": plan,
            "rows": rows,
            "total": total,
            "today": today,
            "can_manage": perms.can_manage_plan(request.user, plan),
            "horizon_reached": today >= plan.horizon_on,
            "summary": (
                f"{count_label(total.done, 'action faite', 'actions faites')} sur "
                f"{count_label(total.planned, 'prévue', 'prévues')}, "
                f"{count_label(len(total.late), 'en retard', 'en retard')}"
            ),
        },
    )


@login_required
@require_POST
def next_plan(request, uid):
    plan = managed_plan(request, uid)
    following = services.open_next_plan(request.user, plan)
    copied = following.actions.count()
    actions = count_label(copied, "action non terminée reprise", "actions non terminées reprises")
    messages.success(request, f"Plan suivant ouvert : {actions}.")
    return redirect("actionplans:plan", uid=following.uid)


def export(request, uid, extension: str):
    plan = plan_or_404(uid)
    if not perms.can_export(request.user, plan):
        raise Http404
    today = timezone.localdate()
    name = exports.filename(plan, extension)
    if extension == "csv":
        return csv_download(csv_lines(exports.action_rows(plan, today)), name)
    if extension == "xlsx":
        return xlsx_download(
            xlsx_sheets(
                [
                    Sheet("Actions", exports.action_rows(plan, today)),
                    Sheet("Points d'étape", exports.timeline_rows(plan)),
                ]
            ),
            name,
        )
    context = plan_context(request, plan)
    context["review"] = selectors.plan_review_of(plan, today)
    return pdf_response(request, "actionplans/plan_pdf.html", context, name)
