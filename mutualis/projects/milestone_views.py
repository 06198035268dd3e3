"""Milestones: the carrier plans them, every active member records their completion."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.projects import selectors, services, viewkit
from mutualis.projects.forms import MilestoneDoneForm, MilestoneForm, MilestoneProgressForm
from mutualis.projects.models import Milestone
from mutualis.projects.perms import can_admin_project
from mutualis.projects.views import reminder_days

BACK = "projects:milestones"


@login_required
@require_http_methods(["GET", "POST"])
def milestones(request, uid):
    project = viewkit.project_or_403(request, uid)
    form = MilestoneForm(request.POST or None, project=project, prefix="nouveau")
    if request.method == "POST":
        project = viewkit.project_or_403(request, uid, admin=True)
        if viewkit.save(request, form, services.add_milestone, project, success="Jalon ajouté."):
            return redirect(BACK, uid=uid)
    today = timezone.localdate()
    return render(
        request,
        "projects/milestones.html",
        viewkit.context(
            request,
            project,
            "milestones",
            form=form,
            timeline=selectors.timeline(project, today, reminder_days()),
            done_form=MilestoneDoneForm(initial={"actual_date": today}),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, edit=True)
    milestone = viewkit.item_or_404(project, Milestone, item_uid)
    admin = can_admin_project(request.user, project)
    form_class = MilestoneForm if admin else MilestoneProgressForm
    form = form_class(request.POST or None, instance=copy(milestone), project=project)
    return viewkit.edit_page(
        request,
        project,
        milestone,
        form,
        service=services.update_milestone,
        section="milestones",
        title=f"Jalon : {milestone.title}",
        back=BACK,
        delete_url=reverse("projects:milestone_delete", args=[uid, item_uid]) if admin else None,
    )


@login_required
@require_POST
def mark_done(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, edit=True)
    milestone = viewkit.item_or_404(project, Milestone, item_uid)
    form = MilestoneDoneForm(request.POST)
    if form.is_valid():
        try:
            services.update_milestone(request.user, milestone, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Jalon « {milestone.title} » atteint.")
    else:
        errors = form.errors.get("actual_date") or ["Indiquez une date valide."]
        messages.error(request, " ".join(errors))
    return redirect(BACK, uid=uid)


@login_required
@require_POST
def delete(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    milestone = viewkit.item_or_404(project, Milestone, item_uid)
    return viewkit.delete(request, project, milestone, services.delete_milestone, BACK)
