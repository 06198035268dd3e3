"""Writes of common specifications, one function per user action, each with its audit row.

Permissions are checked by the views (``perms``); services enforce the data rules and raise
``ValidationError`` with French messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from mutualis.core import audit
from mutualis.grappes.models import Grappe
from mutualis.specifications.models import Criterion, Item, RequirementLibrary, Specification

# The criteria a new specification proposes; the group changes them before it scores offers.
DEFAULT_CRITERIA = (
    (Criterion.Kind.COVERAGE, "Couverture fonctionnelle des exigences", 50),
    (Criterion.Kind.PRICE, "Coût total sur la durée du marché", 30),
    (Criterion.Kind.MARK, "Hébergement et sécurité", 10),
    (Criterion.Kind.MARK, "Accompagnement, formation et assistance", 5),
    (Criterion.Kind.MARK, "Réversibilité", 5),
)


def current_library() -> RequirementLibrary:
    library = RequirementLibrary.objects.filter(is_current=True).first()
    if library is None:
        raise ValidationError(
            "Aucune bibliothèque d'exigences n'est chargée : un administrateur national doit "
            "en charger une (manage.py load_specification_requirements)."
        )
    return library


@transaction.atomic
def start_specification(
    actor, grappe: Grappe, title: str, purpose: str = "", *, is_demo: bool = False
) -> Specification:
    """A new specification with every requirement of the current library and the default
    criteria."""
    library = current_library()
    specification = Specification.objects.create(
        grappe=grappe,
        library=library,
        title=title.strip() or f"Cahier des charges commun — {grappe.name}"[:200],
        purpose=purpose,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    Item.objects.bulk_create(
        Item(
            specification=specification,
            requirement=requirement,
            code=requirement.code,
            domain_label=requirement.domain_label,
            label=requirement.label,
            description=requirement.description,
            position=requirement.position,
        )
        for requirement in library.requirements.all()
    )
    Criterion.objects.bulk_create(
        Criterion(specification=specification, kind=kind, label=label, weight=weight, position=n)
        for n, (kind, label, weight) in enumerate(DEFAULT_CRITERIA, start=1)
    )
    audit.record(actor, "specifications.start", specification, {"library": library.version})
    return specification
