"""Grappes appear on the initiatives map once selected by the ARS (public information);
a grappe moved back before that disappears from it. Connected to ``post_save`` of grappes and
of their members (see apps.py), so every path that changes them keeps the map in step."""

from __future__ import annotations

from mutualis.grappes import selectors
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.initiatives import services as initiatives

STAGES = {Grappe.Status.CLOSED: "completed"}


def publish(grappe: Grappe) -> None:
    if grappe.status not in Grappe.SELECTED_OR_LATER:
        initiatives.withdraw_grappe(grappe.uid)
        return
    carrier = grappe.carrier
    members = grappe.members.filter(status=GrappeMember.Status.ACTIVE)
    initiatives.sync_grappe(
        grappe_uid=grappe.uid,
        title=grappe.name,
        summary=(
            f"Grappe ESMS numérique de la campagne {grappe.campaign}, "
            f"portée par {carrier.display_name} "
            f"({grappe.get_status_display().lower()}). {grappe.description}"
        ).strip(),
        region_id=selectors.main_region(carrier),
        stage=STAGES.get(grappe.status, "ongoing"),
        managing_body_ids=list(members.values_list("managing_body_id", flat=True)),
    )


def grappe_saved(sender, instance: Grappe, **kwargs) -> None:
    publish(instance)


def member_saved(sender, instance: GrappeMember, **kwargs) -> None:
    if instance.grappe.status in Grappe.SELECTED_OR_LATER:
        publish(instance.grappe)
