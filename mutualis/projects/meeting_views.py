"""Meetings of the grappe: any active member records them; the next host is suggested by
rotation (the member who hosted least recently, or never)."""

from copy import copy

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.projects import selectors, services, viewkit
from mutualis.projects.forms import MeetingForm
from mutualis.projects.models import Meeting
from mutualis.projects.perms import can_admin_project

BACK = "projects:meetings"


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request, uid):
    project = viewkit.project_or_403(request, uid, edit=request.method == "POST")
    suggested = selectors.suggested_host(project)
    form = MeetingForm(
        request.POST or None,
        project=project,
        prefix="nouvelle",
        initial={"host": suggested.pk if suggested else None},
    )
    if viewkit.save(request, form, services.add_meeting, project, success="Réunion enregistrée."):
        return redirect(BACK, uid=uid)
    return render(
        request,
        "projects/meetings.html",
        viewkit.context(
            request,
            project,
            "meetings",
            form=form,
            suggested=suggested,
            meetings=project.meetings.select_related("host__managing_body"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, edit=True)
    meeting = viewkit.item_or_404(project, Meeting, item_uid)
    form = MeetingForm(request.POST or None, instance=copy(meeting), project=project)
    admin = can_admin_project(request.user, project)
    return viewkit.edit_page(
        request,
        project,
        meeting,
        form,
        service=services.update_meeting,
        section="meetings",
        title=str(meeting),
        back=BACK,
        delete_url=reverse("projects:meeting_delete", args=[uid, item_uid]) if admin else None,
    )


@login_required
@require_POST
def delete(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    meeting = viewkit.item_or_404(project, Meeting, item_uid)
    return viewkit.delete(request, project, meeting, services.delete_meeting, BACK)
