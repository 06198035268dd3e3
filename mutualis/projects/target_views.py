"""Usage targets per ESSMS and their progress dashboard. Members record the value of a period
for their own ESSMS, with its proof; with htmx the row and the dashboard figures update in
place (out-of-band swaps, announced by aria-live, and an ``usage-recorded`` event), without
JavaScript the form posts and the page reloads."""

import json
from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core.pagination import paginate
from mutualis.directory.models import Establishment
from mutualis.grappes import exports
from mutualis.projects import proofs, selectors, services, viewkit
from mutualis.projects.forms import TargetForm, ValueForm
from mutualis.projects.models import UsageTarget, UsageValue
from mutualis.projects.perms import can_admin_project, can_edit_target, editable_establishment_ids

BACK = "projects:usage"


def _establishments(request, project):
    allowed = editable_establishment_ids(request.user, project)
    grappe_ids = project.grappe.establishments.values("establishment_id")
    establishments = Establishment.objects.filter(pk__in=grappe_ids).order_by("name")
    return establishments if allowed is None else establishments.filter(pk__in=allowed)


@login_required
@require_http_methods(["GET", "POST"])
def usage(request, uid):
    project = viewkit.project_or_403(request, uid, edit=request.method == "POST")
    establishments = _establishments(request, project)
    form = TargetForm(
        request.POST or None, project=project, establishments=establishments, prefix="nouvelle"
    )
    if viewkit.save(request, form, services.add_target, project, success="Cible ajoutée."):
        return redirect(BACK, uid=uid)
    rows = [
        (
            target,
            ValueForm(target=target, prefix=f"cible-{target.pk}")
            if can_edit_target(request.user, target)
            else None,
        )
        for target in selectors.usage_targets(project)
    ]
    return render(
        request,
        "projects/usage.html",
        viewkit.context(
            request,
            project,
            "usage",
            form=form if establishments.exists() else None,
            rows=rows,
            usage=selectors.usage(project),
        ),
    )


@login_required
@require_POST
def record(request, uid, item_uid):
    """The value of a period and its proof, from the dashboard's row."""
    project = viewkit.project_or_403(request, uid, edit=True)
    target = viewkit.item_or_404(project, UsageTarget, item_uid)
    if not can_edit_target(request.user, target):
        raise PermissionDenied
    form = ValueForm(request.POST, request.FILES, target=target, prefix=f"cible-{target.pk}")
    saved = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_value(
                request.user,
                target,
                period=data["period"],
                value=data["value"],
                proof_text=data["proof_text"],
                proof_file=data["proof_file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            saved = True
            target.refresh_from_db()
    if request.htmx:
        response = render(
            request,
            "projects/includes/usage_update.html",
            {
                "project": project,
                "usage": selectors.usage(project),
                "target": selectors.usage_targets(project).get(pk=target.pk),
                "form": form,
                "saved": saved,
                "can_edit": True,
            },
        )
        if saved:
            response["HX-Trigger"] = json.dumps({"usage-recorded": {"uid": str(target.uid)}})
        return response
    if saved:
        messages.success(request, f"Valeur enregistrée : {target}.")
    else:
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, f"Valeur non enregistrée ({target}) : " + " ".join(errors))
    return redirect(BACK, uid=uid)


@login_required
def history(request, uid, item_uid):
    """Every value recorded for a target, period by period, with who recorded it and when."""
    project = viewkit.project_or_403(request, uid)
    target = get_object_or_404(
        UsageTarget.objects.select_related("establishment", "reference"),
        uid=item_uid,
        project=project,
    )
    return render(
        request,
        "projects/usage_history.html",
        viewkit.context(
            request,
            project,
            "usage",
            target=target,
            page_obj=paginate(request, selectors.value_history(target)),
        ),
    )


@login_required
def proof(request, uid, value_uid):
    """The proof file of a value, to the project's readers only; never served as a page."""
    project = viewkit.project_or_403(request, uid)
    value = get_object_or_404(UsageValue, uid=value_uid, target__project=project)
    if not value.proof_file or value.proof_type not in proofs.EXTENSIONS:
        raise Http404
    return FileResponse(
        value.proof_file.open("rb"),
        as_attachment=True,
        filename=exports.file_name(
            project.grappe, "preuve-usage", proofs.EXTENSIONS[value.proof_type], value.period
        ),
        content_type=value.proof_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, edit=True)
    target = viewkit.item_or_404(project, UsageTarget, item_uid)
    if not can_edit_target(request.user, target):
        raise PermissionDenied
    form = TargetForm(request.POST or None, instance=copy(target), project=project)
    admin = can_admin_project(request.user, project)
    return viewkit.edit_page(
        request,
        project,
        target,
        form,
        service=services.update_target,
        section="usage",
        title=f"Cible d'usage : {target}",
        back=BACK,
        delete_url=reverse("projects:target_delete", args=[uid, item_uid]) if admin else None,
    )


@login_required
@require_POST
def delete(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    target = viewkit.item_or_404(project, UsageTarget, item_uid)
    return viewkit.delete(request, project, target, services.delete_target, BACK)
