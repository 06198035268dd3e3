"""Meetings of the grappe and their decisions: any active member records them; the next host
is suggested by rotation (the member who hosted least recently, or never); the decision log
lists every decision of the project."""

from copy import copy

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core.pagination import paginate
from mutualis.projects import selectors, services, viewkit
from mutualis.projects.forms import DecisionForm, MeetingForm
from mutualis.projects.models import Decision, Meeting
from mutualis.projects.perms import can_admin_project, can_edit_project

BACK = "projects:meetings"


def _prefix(meeting: Meeting) -> str:
    """One decision form per meeting on the page: distinct field ids."""
    return f"decision-{meeting.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request, uid):
    project = viewkit.project_or_403(request, uid, edit=request.method == "POST")
    can_edit = can_edit_project(request.user, project)
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
            meetings=[
                (
                    meeting,
                    DecisionForm(project=project, prefix=_prefix(meeting)) if can_edit else None,
                )
                for meeting in project.meetings.select_related(
                    "host__managing_body"
                ).prefetch_related("decision_items__owner__managing_body")
            ],
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


@login_required
@require_POST
def add_decision(request, uid, item_uid):
    """A decision of a meeting, from the form under the meeting."""
    project = viewkit.project_or_403(request, uid, edit=True)
    meeting = viewkit.item_or_404(project, Meeting, item_uid)
    form = DecisionForm(request.POST, project=project, prefix=_prefix(meeting))
    if viewkit.save(request, form, services.add_decision, meeting, success="Décision ajoutée."):
        return redirect(BACK, uid=uid)
    return render(
        request,
        "projects/item_form.html",
        viewkit.context(
            request,
            project,
            "meetings",
            form=form,
            item=meeting,
            title=f"Nouvelle décision — {meeting}",
            back=BACK,
        ),
    )


@login_required
def decisions(request, uid):
    """The decision log of the project."""
    project = viewkit.project_or_403(request, uid)
    return render(
        request,
        "projects/decisions.html",
        viewkit.context(
            request,
            project,
            "decisions",
            page_obj=paginate(request, selectors.decisions(project), per_page=50),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_decision(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, edit=True)
    decision = viewkit.item_or_404(project, Decision, item_uid)
    form = DecisionForm(request.POST or None, instance=copy(decision), project=project)
    admin = can_admin_project(request.user, project)
    return viewkit.edit_page(
        request,
        project,
        decision,
        form,
        service=services.update_decision,
        section="decisions",
        title=f"Décision : {decision}",
        back="projects:decisions",
        delete_url=reverse("projects:decision_delete", args=[uid, item_uid]) if admin else None,
    )


@login_required
@require_POST
def delete_decision(request, uid, item_uid):
    project = viewkit.project_or_403(request, uid, admin=True)
    decision = viewkit.item_or_404(project, Decision, item_uid)
    return viewkit.delete(
        request, project, decision, services.delete_decision, "projects:decisions"
    )
