"""``{% grappe_project grappe %}``: the project block of a grappe's page (link to its
follow-up, or the carrier's button to open it)."""

from django import template

from mutualis.grappes.models import Grappe
from mutualis.projects import progress
from mutualis.projects.models import Project
from mutualis.projects.perms import can_open_project, can_view_project

register = template.Library()


@register.inclusion_tag("projects/includes/grappe_project.html", takes_context=True)
def grappe_project(context, grappe):
    user = context["request"].user
    project = Project.objects.filter(grappe=grappe).select_related("grappe__carrier").first()
    return {
        "grappe": grappe,
        "project": project if project and can_view_project(user, project) else None,
        "exists": project is not None,
        "can_open": project is None and can_open_project(user, grappe),
        "openable": grappe.status in Grappe.SELECTED_OR_LATER,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def period_label(period: str) -> str:
    """French label of a usage value's period: "novembre 2026", "4e trimestre 2026"."""
    try:
        return progress.period_label(period)
    except (ValueError, IndexError):
        return period


@register.filter
def fr_plural(count) -> str:
    """ "s" from 2 on: in French 0 and 1 take the singular ("0 cible atteinte")."""
    try:
        return "s" if abs(int(count)) > 1 else ""
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping: dict, key):
    """``mapping[key]``, or an empty list when missing."""
    return mapping.get(key, [])
