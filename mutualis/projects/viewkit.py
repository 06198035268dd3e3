"""Shared plumbing of the project views: permission checks, saving a form through a service,
the edit page and the deletion of an item."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mutualis.projects import selectors
from mutualis.projects.models import Project
from mutualis.projects.perms import can_admin_project, can_edit_project

SECTIONS = [
    ("overview", "Vue d'ensemble", "projects:detail"),
    ("milestones", "Jalons", "projects:milestones"),
    ("meetings", "Réunions", "projects:meetings"),
    ("decisions", "Décisions", "projects:decisions"),
    ("risks", "Risques", "projects:risks"),
    ("funding", "Financement", "projects:funding"),
    ("usage", "Cibles d'usage", "projects:usage"),
    ("report", "Rapport d'avancement", "projects:report"),
]


def project_or_403(request, uid, edit: bool = False, admin: bool = False) -> Project:
    project = selectors.project_for(request.user, uid)
    if (edit and not can_edit_project(request.user, project)) or (
        admin and not can_admin_project(request.user, project)
    ):
        raise PermissionDenied
    return project


def item_or_404(project: Project, model, item_uid):
    return get_object_or_404(model, uid=item_uid, project=project)


def context(request, project: Project, section: str, **extra) -> dict:
    """What every project page shows: the project, the user's rights, the current section."""
    return {
        "project": project,
        "grappe": project.grappe,
        "section": section,
        "sections": SECTIONS,
        "can_edit": can_edit_project(request.user, project),
        "can_admin": can_admin_project(request.user, project),
        "today": timezone.localdate(),
        **extra,
    }


def save(request, form, service: Callable, *args, success: str) -> bool:
    """Validate the form and call the service; its ValidationError becomes a form error."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(request.user, *args, form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


def edit_page(request, project, item, form, *, service, section, title, back, delete_url=None):
    """The edit page of one item; back = the section's URL name. The form edits a copy
    of the item: the service compares it with the stored values for the audit row."""
    if save(request, form, service, item, success="Modifications enregistrées."):
        return redirect(back, uid=project.uid)
    return render(
        request,
        "projects/item_form.html",
        context(
            request,
            project,
            section,
            form=form,
            item=item,
            title=title,
            back=back,
            delete_url=delete_url,
        ),
    )


def delete(request, project, item, service, back: str):
    service(request.user, item)
    messages.success(request, f"« {item} » supprimé.")
    return redirect(back, uid=project.uid)
