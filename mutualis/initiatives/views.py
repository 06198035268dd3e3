"""Pages of the initiatives: public list and map, detail, proposal, moderation, statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core import tabular
from mutualis.core.forms import ModerationForm
from mutualis.core.pagination import paginate
from mutualis.initiatives import selectors, services
from mutualis.initiatives.forms import FilterForm, InitiativeForm
from mutualis.initiatives.models import Initiative
from mutualis.initiatives.perms import can_edit, can_moderate, can_view


def _filters(request) -> tuple[FilterForm, dict]:
    form = FilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


def initiative_list(request):
    form, filters = _filters(request)
    initiatives = selectors.filtered(selectors.published(), filters)
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "form": form,
            "page_obj": paginate(request, initiatives),
            "query": request.GET.urlencode(),
            "mine": selectors.proposed_by(request.user) if request.user.is_authenticated else [],
            "queue_size": selectors.moderation_queue(request.user).count()
            if request.user.is_authenticated
            else 0,
        },
    )


def points(request):
    _, filters = _filters(request)
    return JsonResponse(selectors.map_points(selectors.filtered(selectors.published(), filters)))


def detail(request, uid):
    initiative = get_object_or_404(
        Initiative.objects.select_related("type", "region", "proposed_by"), uid=uid
    )
    if not can_view(request.user, initiative):
        raise PermissionDenied
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "members": initiative.managing_bodies.order_by("name"),
            "establishments": initiative.establishments.order_by("name"),
            # Through the reverse relation: the library sits below, it is not imported here.
            "reports": initiative.experience_reports.published().order_by("-published_at"),
            "can_edit": can_edit(request.user, initiative),
            "can_moderate": can_moderate(request.user, initiative)
            and initiative.moderation == Initiative.Moderation.PROPOSED,
            "moderation_form": ModerationForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = services.propose(request.user, form.service_data())
        messages.success(
            request,
            "Initiative proposée : elle sera publiée après relecture par un acteur régional.",
        )
        return redirect("initiatives:detail", uid=initiative.uid)
    return render(request, "initiatives/initiative_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid):
    initiative = get_object_or_404(Initiative, uid=uid)
    if not can_edit(request.user, initiative):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        services.edit(request.user, initiative, form.service_data())
        messages.success(request, "Initiative enregistrée.")
        return redirect("initiatives:detail", uid=initiative.uid)
    return render(
        request, "initiatives/initiative_form.html", {"form": form, "initiative": initiative}
    )


@login_required
def moderation(request):
    queue = selectors.moderation_queue(request.user)
    return render(
        request,
        "initiatives/moderation.html",
        {"page_obj": paginate(request, queue), "form": ModerationForm()},
    )


@login_required
@require_POST
def moderate(request, uid):
    initiative = get_object_or_404(Initiative, uid=uid)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Choisissez une décision.")
        return redirect("initiatives:detail", uid=initiative.uid)
    publish = form.cleaned_data["decision"] == "publish"
    try:
        services.moderate(request.user, initiative, publish, form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("initiatives:detail", uid=initiative.uid)
    messages.success(request, f"« {initiative.title} » {'publiée' if publish else 'refusée'}.")
    return redirect("initiatives:moderation")


def statistics(request, extension=None):
    form, filters = _filters(request)
    stats = selectors.statistics(selectors.filtered(selectors.published(), filters))
    if extension:
        rows = [["region", *stats["matrix_types"], "total"]] + [
            [region, *counts, sum(counts)] for region, counts in stats["matrix"]
        ]
        filename = f"typologie-initiatives.{extension}"
        if extension == "csv":
            return tabular.csv_download(tabular.csv_lines(rows), filename)
        return tabular.xlsx_download(tabular.xlsx_bytes("Typologie", rows), filename)
    return render(
        request,
        "initiatives/statistics.html",
        {"form": form, "stats": stats, "query": request.GET.urlencode()},
    )
