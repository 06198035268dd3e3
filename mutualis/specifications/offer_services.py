"""Writes of the evaluation criteria, the offers and the decision, one function per user
action, each with its audit row. Permissions are checked by the views (``access.led``);
these functions enforce the data rules and raise ``ValidationError`` in French."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.specifications.models import (
    Coverage,
    Criterion,
    Mark,
    Offer,
    PriceLine,
    Specification,
)

DECIDED = (
    "La décision est prise : annulez-la (onglet « Analyse et décision ») avant de modifier les "
    "critères ou les offres."
)


def _not_decided(specification: Specification) -> None:
    if specification.status == Specification.Status.DECIDED:
        raise ValidationError(DECIDED)


def _locked(specification: Specification) -> Specification:
    """The specification row locked for this transaction (two leads saving at once)."""
    locked = Specification.objects.select_for_update().get(pk=specification.pk)
    specification.status = locked.status
    return locked


# Criteria -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionRow:
    """One line of the criteria form: an existing criterion (``criterion``) or a new mark
    criterion (None); ``delete`` removes a mark criterion."""

    criterion: Criterion | None
    label: str
    weight: int
    delete: bool = False


@transaction.atomic
def update_criteria(actor, specification: Specification, rows: list[CriterionRow]) -> None:
    """Set the labels and weights, add and remove mark criteria; at least one weight > 0.
    Allowed after offers are scored: the audit row keeps the old and new weights."""
    _locked(specification)
    _not_decided(specification)
    existing = {c.pk: c for c in specification.criteria.all()}
    kept = []
    for row in rows:
        if row.criterion is not None and row.criterion.pk not in existing:
            raise ValidationError("Ce critère n'appartient pas à ce cahier des charges.")
        if row.delete and row.criterion is not None and row.criterion.kind != Criterion.Kind.MARK:
            raise ValidationError(
                "Les critères de couverture et de prix ne peuvent pas être supprimés : "
                "donnez-leur un poids de 0 pour ne pas en tenir compte."
            )
        if not row.delete:
            kept.append(row)
    if not any(row.weight > 0 for row in kept):
        raise ValidationError("Donnez un poids supérieur à 0 à au moins un critère.")
    before = {str(c.pk): [c.label, c.weight] for c in existing.values()}
    changes: dict = {"before": before, "after": {}}
    position = max((c.position for c in existing.values()), default=0)
    for row in rows:
        criterion = row.criterion and existing[row.criterion.pk]
        if row.delete:
            if criterion is not None:
                criterion.delete()
            continue
        if criterion is None:
            position += 1
            criterion = Criterion.objects.create(
                specification=specification,
                kind=Criterion.Kind.MARK,
                label=row.label,
                weight=row.weight,
                position=position,
            )
        elif (criterion.label, criterion.weight) != (row.label, row.weight):
            criterion.label, criterion.weight = row.label, row.weight
            criterion.save(update_fields=["label", "weight"])
        changes["after"][str(criterion.pk)] = [criterion.label, criterion.weight]
    audit.record(actor, "specifications.criteria", specification, changes)


# Offers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceLineData:
    label: str
    kind: str
    amount: Decimal | None


@dataclass
class OfferData:
    vendor: str
    solution: str = ""
    received_on: dt.date | None = None
    notes: str = ""
    coverage: dict[int, str] = field(default_factory=dict)  # item pk → level ("" = none)
    price_lines: list[PriceLineData] = field(default_factory=list)
    marks: dict[int, Decimal | None] = field(default_factory=dict)  # criterion pk → mark


@transaction.atomic
def save_offer(
    actor, specification: Specification, data: OfferData, offer: Offer | None = None
) -> Offer:
    """Create or update an offer with its coverage, price lines and marks, in one
    transaction. The first offer moves the specification from rating to analysis."""
    locked = _locked(specification)
    _not_decided(specification)
    if offer is not None and offer.specification_id != specification.pk:
        raise ValidationError("Cette offre n'appartient pas à ce cahier des charges.")
    item_ids = set(specification.items.values_list("pk", flat=True))
    mark_ids = set(
        specification.criteria.filter(kind=Criterion.Kind.MARK).values_list("pk", flat=True)
    )
    if not set(data.coverage) <= item_ids or not set(data.marks) <= mark_ids:
        raise ValidationError("La saisie vise une exigence ou un critère d'un autre cahier.")
    creating = offer is None
    offer = offer or Offer(specification=specification)
    offer.vendor, offer.solution = data.vendor, data.solution
    offer.received_on, offer.notes = data.received_on, data.notes
    offer.full_clean()
    offer.save()
    if not creating:
        offer.coverages.all().delete()
        offer.price_lines.all().delete()
        offer.marks.all().delete()
    Coverage.objects.bulk_create(
        Coverage(offer=offer, item_id=item_id, level=level)
        for item_id, level in data.coverage.items()
        if level
    )
    PriceLine.objects.bulk_create(
        PriceLine(offer=offer, label=line.label, kind=line.kind, amount=line.amount)
        for line in data.price_lines
    )
    Mark.objects.bulk_create(
        Mark(offer=offer, criterion_id=criterion_id, value=value)
        for criterion_id, value in data.marks.items()
        if value is not None
    )
    if creating and locked.status == Specification.Status.RATING:
        locked.status = specification.status = Specification.Status.ANALYSIS
        locked.save(update_fields=["status", "updated_at"])
    audit.record(
        actor,
        "specifications.offer_add" if creating else "specifications.offer_update",
        specification,
        {
            "offer": str(offer.uid),
            "vendor": offer.vendor,
            "coverage": sum(1 for level in data.coverage.values() if level),
            "price_lines": len(data.price_lines),
            "marks": sum(1 for value in data.marks.values() if value is not None),
        },
    )
    return offer


@transaction.atomic
def delete_offer(actor, specification: Specification, offer: Offer) -> None:
    _locked(specification)
    _not_decided(specification)
    if offer.specification_id != specification.pk:
        raise ValidationError("Cette offre n'appartient pas à ce cahier des charges.")
    changes = {"offer": str(offer.uid), "vendor": offer.vendor}
    offer.delete()
    audit.record(actor, "specifications.offer_delete", specification, changes)


# Decision -------------------------------------------------------------------------------


@transaction.atomic
def decide(actor, specification: Specification, offer: Offer, reason: str) -> None:
    locked = _locked(specification)
    if locked.status == Specification.Status.DECIDED:
        raise ValidationError("La décision est déjà prise : annulez-la pour en prendre une autre.")
    if offer.specification_id != specification.pk:
        raise ValidationError("Cette offre n'appartient pas à ce cahier des charges.")
    if not reason.strip():
        raise ValidationError("Indiquez les motifs de la décision.")
    now = timezone.now()
    _write_decision(
        locked,
        specification,
        chosen_offer=offer,
        decision_reason=reason.strip(),
        decided_at=now,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
        status=Specification.Status.DECIDED,
    )
    audit.record(
        actor,
        "specifications.decide",
        specification,
        {"offer": str(offer.uid), "vendor": offer.vendor, "reason": reason.strip()},
    )


def _write_decision(locked: Specification, specification: Specification, **values) -> None:
    """Save the decision fields on the locked row and mirror them on the caller's instance."""
    for target in (locked, specification):
        for name, value in values.items():
            setattr(target, name, value)
    locked.save(update_fields=[*values, "updated_at"])


@transaction.atomic
def reopen(actor, specification: Specification) -> None:
    locked = _locked(specification)
    if locked.status != Specification.Status.DECIDED:
        raise ValidationError("Aucune décision n'est prise.")
    previous = locked.chosen_offer
    _write_decision(
        locked,
        specification,
        chosen_offer=None,
        decision_reason="",
        decided_at=None,
        decided_by=None,
        status=Specification.Status.ANALYSIS,
    )
    audit.record(
        actor,
        "specifications.reopen",
        specification,
        {"offer": str(previous.uid) if previous else None},
    )
