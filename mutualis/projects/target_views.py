"""Usage targets per ESSMS and their progress dashboard. Members record the values reached
for their own ESSMS; with htmx the dashboard updates in place (announced by aria-live),
without JavaScript the form posts and the page reloads."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.directory.models import Establishment
from mutualis.projects import selectors, services, viewkit
from mutualis.projects.forms import TargetForm, TargetProgressForm
from mutualis.projects.models import UsageTarget
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
            TargetProgressForm(instance=target, prefix=f"cible-{target.pk}")
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
    """The value reached and its proof, from the dashboard's row."""
    project = viewkit.project_or_403(request, uid, edit=True)
    target = viewkit.item_or_404(project, UsageTarget, item_uid)
    if not can_edit_target(request.user, target):
        raise PermissionDenied
    form = TargetProgressForm(request.POST, instance=copy(target), prefix=f"cible-{target.pk}")
    saved = form.is_valid()
    if saved:
        services.update_target(request.user, target, form.cleaned_data)
    if request.htmx:
        return render(
            request,
            "projects/includes/usage_update.html",
            {
                "project": project,
                "usage": selectors.usage(project),
                "target": target,
                "form": form,
                "saved": saved,
            },
        )
    if saved:
        messages.success(request, f"Valeur enregistrée : {target}.")
    else:
        messages.error(
            request,
            f"Valeur non enregistrée ({target}) : "
            + " ".join(form.errors.get("actual_value", form.errors.get("proof", []))),
        )
    return redirect(BACK, uid=uid)


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
