"""Builders of criteria and offers on a started specification (test_offers*, test_decision,
test_analysis_exports)."""

from __future__ import annotations

from decimal import Decimal

from mutualis.specifications import offer_services
from mutualis.specifications.models import Criterion, Importance, Item, Offer, Specification
from tests.specifications.factories import group, specification


def arbitrated(spec: Specification, importance: str = Importance.WISHED) -> Specification:
    """Every item arbitrated at ``importance`` (the first one indispensable)."""
    spec.items.update(importance=importance)
    first = spec.items.order_by("position").first()
    Item.objects.filter(pk=first.pk).update(importance=Importance.INDISPENSABLE)
    return spec


def offer(
    spec: Specification,
    vendor: str,
    level: str = "covered",
    one_off: str | None = "10000",
    yearly: str | None = "2000",
    mark: str | None = "7",
    actor=None,
) -> Offer:
    items = list(spec.items.values_list("pk", flat=True))
    marks = spec.criteria.filter(kind=Criterion.Kind.MARK)
    lines = []
    if one_off is not None or yearly is not None:
        lines = [
            offer_services.PriceLineData(
                "Licences", "one_off", Decimal(one_off) if one_off else None
            ),
            offer_services.PriceLineData(
                "Abonnement", "yearly", Decimal(yearly) if yearly else None
            ),
        ]
    data = offer_services.OfferData(
        vendor=vendor,
        solution=f"{vendor} DUI",
        coverage=dict.fromkeys(items, level),
        price_lines=lines,
        marks={c.pk: Decimal(mark) if mark is not None else None for c in marks},
    )
    return offer_services.save_offer(actor, spec, data)


def scored():
    """A group, its arbitrated specification and two offers: « Alpha » covers everything at
    10 000 + 5 × 2 000 = 20 000 €, marked 7; « Beta » partially at 20 000 €, marked 9."""
    the_group = group()
    spec = arbitrated(specification(the_group))
    alpha = offer(spec, "Alpha", actor=the_group.carrier_admin)
    beta = offer(spec, "Beta", level="partial", mark="9", actor=the_group.carrier_admin)
    spec.refresh_from_db()
    return the_group, spec, alpha, beta


def form_data_for(spec, vendor="Gamma", level="covered", lines=None, mark="8,5", **fields):
    """The offer form as the page posts it."""
    items = list(spec.items.values_list("pk", flat=True))
    marks = list(spec.criteria.filter(kind=Criterion.Kind.MARK).values_list("pk", flat=True))
    lines = (
        lines
        if lines is not None
        else [("Licences", "one_off", "12000"), ("Hébergement", "yearly", "3000,50")]
    )
    data = {
        "vendor": vendor,
        "solution": "Gamma DUI",
        "received_on": "2027-03-15",
        "notes": "",
        "prix-TOTAL_FORMS": str(len(lines) + 1),
        "prix-INITIAL_FORMS": "0",
        "prix-MIN_NUM_FORMS": "0",
        "prix-MAX_NUM_FORMS": "50",
    }
    data |= {f"cov_{pk}": level for pk in items}
    data |= {f"mark_{pk}": mark for pk in marks}
    for n, (label, kind, amount) in enumerate(lines):
        data |= {f"prix-{n}-label": label, f"prix-{n}-kind": kind, f"prix-{n}-amount": amount}
    return data | fields
