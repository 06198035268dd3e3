"""Writes: propose, edit, moderate initiatives; publish the grappes of the grappe builder."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.directory.models import Establishment, Grouping, GroupingMember, ManagingBody
from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.initiatives.perms import can_edit, can_moderate, can_propose

RELATIONS = ("domains", "managing_bodies", "establishments")
GRAPPE_TYPE = "grappe_esms_numerique"
GROUPING_TYPE = "groupement_cooperation"


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


class _GroupingMembers:
    """The members of every grouping the directory knows, looked up once per sync."""

    def __init__(self, groupings: list[Grouping]) -> None:
        members = [m for g in groupings for m in g.members.all()]
        wanted = {kind: {m.finess for m in members if m.kind == kind} for kind in ("pmej", "ege")}
        self.bodies = {
            finess: (pk, region)
            for finess, pk, region in ManagingBody.objects.filter(
                finess__in=wanted["pmej"]
            ).values_list("finess", "pk", "departement__region")
        }
        self.establishments = {
            finess: (pk, region)
            for finess, pk, region in Establishment.objects.filter(
                finess__in=wanted["ege"]
            ).values_list("finess", "pk", "region")
        }

    def known(self, grouping: Grouping, kind: str) -> list[tuple[int, str | None]]:
        table = self.bodies if kind == GroupingMember.Kind.MANAGING_BODY else self.establishments
        return [
            table[m.finess] for m in grouping.members.all() if m.kind == kind and m.finess in table
        ]


def _grouping_summary(grouping: Grouping) -> str:
    number = f", n° FINESS {grouping.finess}" if grouping.finess else ""
    count = len(grouping.members.all())
    plural = "s" if count > 1 else ""
    return (
        f"{grouping.kind_label}{number} : {count} membre{plural} déclaré{plural} dans FINESS. "
        "Repris automatiquement du flux FINESS+."
    )


@transaction.atomic
def sync_finess_groupings() -> dict[str, int] | None:
    """Show each cooperation grouping of FINESS+ as a published initiative (its members as
    managing bodies and establishments of the initiative); remove those of groupings gone.
    None when the typology is not loaded yet (load_initiative_types)."""
    kind = InitiativeType.objects.filter(code=GROUPING_TYPE).first()
    if kind is None:
        return None
    groupings = list(Grouping.objects.select_related("legal_status").prefetch_related("members"))
    members = _GroupingMembers(groupings)
    existing = {i.grouping_uid: i for i in Initiative.objects.exclude(grouping_uid=None)}
    for grouping in groupings:
        bodies = members.known(grouping, GroupingMember.Kind.MANAGING_BODY)
        establishments = members.known(grouping, GroupingMember.Kind.ESTABLISHMENT)
        regions = Counter(region for _, region in bodies + establishments if region)
        initiative = existing.get(grouping.uid) or Initiative(grouping_uid=grouping.uid)
        initiative.title = grouping.name
        initiative.summary = _grouping_summary(grouping)
        initiative.type = kind
        initiative.region_id = min(regions, key=lambda r: (-regions[r], r)) if regions else None
        initiative.stage = Initiative.Stage.ONGOING
        initiative.moderation = Initiative.Moderation.PUBLISHED
        initiative.save()
        initiative.managing_bodies.set([pk for pk, _ in bodies])
        initiative.establishments.set([pk for pk, _ in establishments])
    current = {g.uid for g in groupings}
    gone = [uid for uid in existing if uid not in current]
    Initiative.objects.filter(grouping_uid__in=gone).delete()
    return {"initiatives de groupements": len(groupings), "retirées": len(gone)}


def groupings_loaded(sender, **kwargs) -> None:
    """Receiver of directory.signals.groupings_loaded (connected in apps.py)."""
    sync_finess_groupings()
