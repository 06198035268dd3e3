"""Writes: propose, edit, moderate initiatives; publish the grappes of the grappe builder."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.initiatives.perms import can_edit, can_moderate, can_propose

RELATIONS = ("domains", "managing_bodies", "establishments")
GRAPPE_TYPE = "grappe_esms_numerique"


def _split(data: dict) -> tuple[dict, dict]:
    fields = {k: v for k, v in data.items() if k not in RELATIONS}
    relations = {k: v for k, v in data.items() if k in RELATIONS}
    return fields, relations


@transaction.atomic
def propose(actor, data: dict) -> Initiative:
    if not can_propose(actor):
        raise PermissionDenied
    fields, relations = _split(data)
    initiative = Initiative.objects.create(proposed_by=actor, **fields)
    for name, values in relations.items():
        getattr(initiative, name).set(values)
    audit.record(actor, "initiative.propose", initiative)
    return initiative


@transaction.atomic
def edit(actor, initiative: Initiative, data: dict) -> Initiative:
    """An author's edit of a refused initiative sends it back to moderation."""
    if not can_edit(actor, initiative):
        raise PermissionDenied
    fields, relations = _split(data)
    changes = audit.diff_fields(initiative, fields)
    for name, value in fields.items():
        setattr(initiative, name, value)
    if initiative.moderation == Initiative.Moderation.REJECTED and not can_moderate(
        actor, initiative
    ):
        initiative.moderation = Initiative.Moderation.PROPOSED
    initiative.save()
    for name, values in relations.items():
        getattr(initiative, name).set(values)
    audit.record(actor, "initiative.edit", initiative, changes)
    return initiative


@transaction.atomic
def moderate(actor, initiative: Initiative, publish: bool, note: str = "") -> Initiative:
    if not can_moderate(actor, initiative):
        raise PermissionDenied
    if not publish and not note.strip():
        raise ValidationError("Indiquez le motif du refus : l'auteur le verra.")
    decision = Initiative.Moderation.PUBLISHED if publish else Initiative.Moderation.REJECTED
    audit.record(
        actor, "initiative.moderate", initiative, {"moderation": [initiative.moderation, decision]}
    )
    initiative.moderation = decision
    initiative.moderation_note = "" if publish else note.strip()
    initiative.moderated_by = actor
    initiative.moderated_at = timezone.now()
    initiative.save()
    return initiative


@transaction.atomic
def sync_grappe(
    *,
    grappe_uid,
    title: str,
    summary: str,
    region_id: str | None,
    stage: str,
    managing_body_ids: list[int],
) -> Initiative | None:
    """Publish or update the initiative of a selected grappe (called by the grappes app)."""
    kind = InitiativeType.objects.filter(code=GRAPPE_TYPE).first()
    if kind is None:  # typology not loaded yet (load_initiative_types): next save publishes
        return None
    initiative = Initiative.objects.filter(grappe_uid=grappe_uid).first() or Initiative(
        grappe_uid=grappe_uid
    )
    initiative.title = title
    initiative.summary = summary
    initiative.type = kind
    initiative.region_id = region_id
    initiative.stage = stage
    initiative.moderation = Initiative.Moderation.PUBLISHED
    initiative.save()
    initiative.managing_bodies.set(managing_body_ids)
    return initiative


def withdraw_grappe(grappe_uid) -> None:
    """A grappe moved back before selection leaves the map (its initiative is derived data)."""
    Initiative.objects.filter(grappe_uid=grappe_uid).delete()
