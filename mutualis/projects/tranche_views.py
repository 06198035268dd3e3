"""Funding tranches, expected and received: the carrier's business (it receives the funds
and redistributes them); members and the région read."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.projects import selectors, services, viewkit
from mutualis.projects.forms import TrancheForm
from mutualis.projects.models import Tranche

BACK = "projects:funding"


@login_required
@require_http_methods(["GET", "POST"])
def funding(request, uid):
    project = viewkit.project_or_403(request, uid, admin=request.method == "POST")
    form = TrancheForm(
        request.POST or None,
        project=project,
        prefix="nouvelle",
        initial={"position": project.tranches.count() + 1},
    )
    if viewkit.save(request, form, services.add_tranche, project, success="Tranche ajoutée."):
        return redirect(BACK, uid=uid)
    return render(
        request,
        "projects/funding.html",
        viewkit.context(
            request,
            project,
            "funding",
            form=form,
            tranches=project.tranches.all(),
            summary=selectors.funding(project),
            has_simulation=selectors.has_simulation(project),
        ),
    )


@login_required
@require_POST
def import_tranches(request, uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    try:
        count = services.import_tranches(request.user, project)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{count} tranche(s) reprise(s) de la dernière simulation.")
    return redirect(BACK, uid=uid)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    tranche = viewkit.item_or_404(project, Tranche, item_uid)
    form = TrancheForm(request.POST or None, instance=copy(tranche), project=project)
    return viewkit.edit_page(
        request,
        project,
        tranche,
        form,
        service=services.update_tranche,
        section="funding",
        title=f"Tranche : {tranche.label}",
        back=BACK,
        delete_url=reverse("projects:tranche_delete", args=[uid, item_uid]),
    )


@login_required
@require_POST
def delete(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    tranche = viewkit.item_or_404(project, Tranche, item_uid)
    return viewkit.delete(request, project, tranche, services.delete_tranche, BACK)
