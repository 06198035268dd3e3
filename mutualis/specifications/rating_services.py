"""Writes of the rating and arbitration stage, one function per user action, each in one
transaction with its audit row. Permissions are checked by the views (``perms``); these
functions enforce the data rules and raise ``ValidationError`` with French messages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from mutualis.core import audit
from mutualis.directory.models import ManagingBody
from mutualis.specifications import convergence, selectors
from mutualis.specifications.models import Importance, Item, Rating, Specification

CONSENSUS_REASON = "Consensus des membres"
ADD_ATTEMPTS = 3
OWN_CODE = re.compile(r"^M-([0-9]+)$")
REASON_REQUIRED = (
    "Indiquez le motif de l'arbitrage : il est obligatoire quand l'importance retenue n'est "
    "pas celle sur laquelle tous les membres s'accordent."
)


@dataclass(frozen=True)
class Entry:
    """One item of the rating form: importance None = not rated (left as it is)."""

    item_id: int
    importance: str | None
    comment: str = ""


def _open(specification: Specification) -> None:
    if specification.status == Specification.Status.DECIDED:
        raise ValidationError("La décision est prise : les exigences ne se modifient plus.")


@transaction.atomic
def save_ratings(
    actor, specification: Specification, body: ManagingBody, entries: list[Entry]
) -> int:
    """Save the organisation's ratings in bulk; unrated entries are left as they are. Saving a
    pre-filled rating confirms it (its origin becomes the member). Returns how many ratings
    were created or changed."""
    _open(specification)
    item_ids = set(specification.items.values_list("pk", flat=True))
    existing = selectors.ratings_of(specification, body.pk)
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    rows = []
    for entry in entries:
        if entry.importance is None:
            continue
        if entry.item_id not in item_ids:
            raise ValidationError("Une exigence notée n'appartient pas à ce cahier des charges.")
        if entry.importance not in Importance.values:
            raise ValidationError("Importance inconnue.")
        old = existing.get(entry.item_id)
        if (
            old is not None
            and old.importance == entry.importance
            and old.comment == entry.comment
            and old.origin == Rating.Origin.MEMBER
        ):
            continue
        rows.append(
            Rating(
                item_id=entry.item_id,
                managing_body=body,
                importance=entry.importance,
                comment=entry.comment,
                origin=Rating.Origin.MEMBER,
                rated_by=user,
                rated_at=now,
            )
        )
    if rows:
        Rating.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["item", "managing_body"],
            update_fields=["importance", "comment", "origin", "rated_by", "rated_at"],
        )
        audit.record(
            actor,
            "specifications.rate",
            specification,
            {"organisme": body.finess, "saved": len(rows)},
        )
    return len(rows)


@transaction.atomic
def prefill_ratings(actor, specification: Specification, body: ManagingBody) -> int:
    """Create the ratings the organisation's survey and diagnostic suggest, never touching an
    existing rating. Returns how many were created."""
    _open(specification)
    plan = selectors.prefill_plan(specification, body.pk)
    user = actor if getattr(actor, "is_authenticated", False) else None
    created = Rating.objects.bulk_create(
        [
            Rating(
                item=planned.item,
                managing_body=body,
                importance=planned.suggestion.importance,
                origin=planned.suggestion.origin,
                rated_by=user,
            )
            for planned in plan
        ],
        ignore_conflicts=True,  # a rating saved meanwhile wins
    )
    if plan:
        audit.record(
            actor,
            "specifications.prefill",
            specification,
            {"organisme": body.finess, "planned": len(created)},
        )
    return len(plan)


def next_own_code(codes: list[str]) -> str:
    numbers = [int(match.group(1)) for code in codes if (match := OWN_CODE.match(code))]
    return f"M-{max(numbers, default=0) + 1:02d}"


@transaction.atomic
def add_item(
    actor,
    specification: Specification,
    body: ManagingBody,
    domain_label: str,
    label: str,
    description: str = "",
) -> Item:
    """A requirement a member adds, coded M-01, M-02… after the last one."""
    _open(specification)
    label = label.strip()
    if not label:
        raise ValidationError("Indiquez l'exigence.")
    # Lock the specification (PostgreSQL): two members adding at once get distinct codes.
    # Where the lock does nothing (SQLite), the unique code makes the later one try again.
    Specification.objects.select_for_update().filter(pk=specification.pk).first()
    for attempt in range(ADD_ATTEMPTS):
        codes = specification.items.filter(code__startswith="M-").values_list("code", flat=True)
        last = specification.items.aggregate(last=Max("position"))["last"] or 0
        try:
            with transaction.atomic():
                item = Item.objects.create(
                    specification=specification,
                    code=next_own_code(list(codes)),
                    domain_label=domain_label.strip() or selectors.OWN_DOMAIN,
                    label=label,
                    description=description.strip(),
                    proposed_by=body,
                    position=last + 1,
                )
            break
        except IntegrityError:
            if attempt == ADD_ATTEMPTS - 1:
                raise
    audit.record(
        actor,
        "specifications.add_item",
        specification,
        {"code": item.code, "label": item.label, "organisme": body.finess},
    )
    return item


@transaction.atomic
def remove_item(actor, item: Item) -> None:
    """Remove a requirement a member added (with its ratings); library ones stay."""
    _open(item.specification)
    if item.requirement_id is not None or item.proposed_by_id is None:
        raise ValidationError(
            "Seules les exigences ajoutées par un membre peuvent être retirées ; celles de la "
            "bibliothèque se notent « Sans objet »."
        )
    audit.record(
        actor,
        "specifications.remove_item",
        item.specification,
        {"code": item.code, "label": item.label},
    )
    item.delete()


def consensus_level(item: Item) -> str | None:
    """The level every active member gave the item, if they all rated it the same."""
    bodies = selectors.members(item.specification.grappe)
    row = selectors.convergence_rows(item.specification, bodies, [item])[0]
    return row.result.suggested if row.result.status == convergence.CONSENSUS else None


def _arbitrate(actor, item: Item, importance: str, reason: str, now) -> None:
    previous = item.importance
    item.importance = importance
    item.arbitration_reason = reason
    item.arbitrated_at = now
    item.arbitrated_by = actor if getattr(actor, "is_authenticated", False) else None
    audit.record(
        actor,
        "specifications.arbitrate",
        item,
        {"from": previous, "to": importance, "reason": reason, "code": item.code},
    )


@transaction.atomic
def arbitrate(actor, item: Item, importance: str, reason: str = "") -> Item:
    """The group's importance for an item; the reason is required unless it is the members'
    consensus."""
    _open(item.specification)
    if importance not in Importance.values:
        raise ValidationError("Choisissez une importance.")
    reason = reason.strip()
    if not reason:
        if importance != consensus_level(item):
            raise ValidationError(REASON_REQUIRED)
        reason = CONSENSUS_REASON
    _arbitrate(actor, item, importance, reason, timezone.now())
    item.save(update_fields=["importance", "arbitration_reason", "arbitrated_at", "arbitrated_by"])
    return item


def consensus_plan(specification: Specification) -> list[tuple[Item, str]]:
    """The items not arbitrated yet on which every member agrees, with their level."""
    bodies = selectors.members(specification.grappe)
    return [
        (row.item, row.result.suggested)
        for row in selectors.convergence_rows(specification, bodies)
        if not row.is_arbitrated and row.result.status == convergence.CONSENSUS
    ]


@transaction.atomic
def accept_consensus(actor, specification: Specification) -> int:
    """Arbitrate every consensus item not arbitrated yet at its consensus level."""
    _open(specification)
    Specification.objects.select_for_update().filter(pk=specification.pk).first()
    plan = consensus_plan(specification)
    now = timezone.now()
    for item, level in plan:
        _arbitrate(actor, item, level, CONSENSUS_REASON, now)
    Item.objects.bulk_update(
        [item for item, _ in plan],
        ["importance", "arbitration_reason", "arbitrated_at", "arbitrated_by"],
    )
    if plan:
        audit.record(actor, "specifications.accept_consensus", specification, {"count": len(plan)})
    return len(plan)
