"""Where common specifications meet the grappe page (grappes.panels)."""

from __future__ import annotations

from django.urls import reverse

from mutualis.core.text import count_label
from mutualis.grappes.panels import Panel
from mutualis.specifications.models import Specification
from mutualis.specifications.perms import can_start, can_view_grappe_specifications


def grappe_panel(user, grappe) -> Panel | None:
    if not can_view_grappe_specifications(user, grappe):
        return None
    count = Specification.objects.filter(grappe=grappe).count()
    if count:
        text = count_label(count, "cahier des charges commun", "cahiers des charges communs")
    elif can_start(user, grappe):
        text = "Aucun pour l'instant : lancez le cahier des charges commun de la grappe."
    else:
        text = "Aucun pour l'instant."
    return Panel(
        title="Cahier des charges commun et achat groupé",
        url=reverse("specifications:grappe", args=[grappe.uid]),
        text=text,
    )
