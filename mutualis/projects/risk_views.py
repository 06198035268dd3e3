"""Risk register: likelihood x impact matrix, owner, mitigation, status."""

from copy import copy

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.projects import selectors, services, viewkit
from mutualis.projects.forms import RiskForm
from mutualis.projects.models import Risk
from mutualis.projects.perms import can_admin_project
from mutualis.projects.progress import criticality_level

BACK = "projects:risks"


@login_required
@require_http_methods(["GET", "POST"])
def risks(request, uid):
    project = viewkit.project_or_403(request, uid, edit=request.method == "POST")
    form = RiskForm(request.POST or None, project=project, prefix="nouveau")
    if viewkit.save(request, form, services.add_risk, project, success="Risque ajouté."):
        return redirect(BACK, uid=uid)
    return render(
        request,
        "projects/risks.html",
        viewkit.context(
            request,
            project,
            "risks",
            form=form,
            matrix=selectors.risk_matrix(project),
            risks=[
                (risk, criticality_level(risk.criticality)) for risk in selectors.risks(project)
            ],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, edit=True)
    risk = viewkit.item_or_404(project, Risk, item_uid)
    form = RiskForm(request.POST or None, instance=copy(risk), project=project)
    admin = can_admin_project(request.user, project)
    return viewkit.edit_page(
        request,
        project,
        risk,
        form,
        service=services.update_risk,
        section="risks",
        title=f"Risque : {risk.title}",
        back=BACK,
        delete_url=reverse("projects:risk_delete", args=[uid, item_uid]) if admin else None,
    )


@login_required
@require_POST
def delete(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    risk = viewkit.item_or_404(project, Risk, item_uid)
    return viewkit.delete(request, project, risk, services.delete_risk, BACK)
