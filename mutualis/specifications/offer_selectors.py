"""Reads of the criteria, offers and analysis: a bounded number of queries whatever the
number of items, offers and criteria (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Prefetch

from mutualis.specifications import scoring
from mutualis.specifications.models import Criterion, Item, Offer, PriceLine, Specification


def criteria(specification: Specification) -> list[Criterion]:
    return list(specification.criteria.all())


def items(specification: Specification) -> list[Item]:
    return list(specification.items.only("pk", "code", "domain_label", "label", "importance"))


def items_by_domain(item_list: list[Item]) -> list[tuple[str, list[Item]]]:
    """Items grouped by domain, in the specification's order."""
    return [(domain, list(group)) for domain, group in groupby(item_list, lambda i: i.domain_label)]


def offer_or_none(specification: Specification, offer_uid) -> Offer | None:
    return (
        specification.offers.filter(uid=offer_uid)
        .prefetch_related("coverages", "price_lines", "marks")
        .first()
    )


def offers(specification: Specification) -> list[Offer]:
    """The offers with their price lines, coverages and marks (4 queries)."""
    return list(
        specification.offers.prefetch_related(
            Prefetch("price_lines", queryset=PriceLine.objects.order_by("pk")),
            "coverages",
            "marks",
        )
    )


def offer_label(offer: Offer) -> str:
    return str(offer)


def _price_inputs(offer: Offer) -> tuple[scoring.PriceLineInput, ...]:
    return tuple(
        scoring.PriceLineInput(line.kind, line.amount, line.label)
        for line in offer.price_lines.all()
    )


def scoring_inputs(
    specification: Specification,
    item_list: list[Item],
    criterion_list: list[Criterion],
    offer_list: list[Offer],
) -> scoring.Inputs:
    codes = {item.pk: item.code for item in item_list}
    return scoring.Inputs(
        importance={item.code: item.importance or None for item in item_list},
        criteria=tuple(
            scoring.CriterionInput(str(c.pk), c.kind, c.label, c.weight) for c in criterion_list
        ),
        offers=tuple(
            scoring.OfferInput(
                key=str(offer.uid),
                label=offer_label(offer),
                coverage={codes[c.item_id]: c.level for c in offer.coverages.all()},
                price_lines=_price_inputs(offer),
                marks={str(m.criterion_id): m.value for m in offer.marks.all()},
            )
            for offer in offer_list
        ),
        contract_years=specification.contract_years,
    )


@dataclass
class OfferRow:
    offer: Offer
    answered: int
    items: int
    cost: scoring.Cost

    @property
    def cost_text(self) -> str:
        return scoring.euros(self.cost.value)


def offer_rows(specification: Specification) -> list[OfferRow]:
    """The offers list: coverage answered n/N and compared cost (3 queries)."""
    total = specification.items.count()
    rows = specification.offers.annotate(answered=Count("coverages")).prefetch_related(
        Prefetch("price_lines", queryset=PriceLine.objects.order_by("pk"))
    )
    return [
        OfferRow(
            offer,
            offer.answered,
            total,
            scoring.cost_of(_price_inputs(offer), specification.contract_years),
        )
        for offer in rows
    ]


@dataclass
class AnalysisData:
    items: list[Item]
    criteria: list[Criterion]
    offers: list[Offer]
    analysis: scoring.Analysis

    @property
    def offer_by_key(self) -> dict[str, Offer]:
        return {str(offer.uid): offer for offer in self.offers}

    @property
    def item_by_code(self) -> dict[str, Item]:
        return {item.code: item for item in self.items}


def analysis(specification: Specification) -> AnalysisData:
    """Everything the analysis page and its exports show (6 queries)."""
    item_list, criterion_list, offer_list = (
        items(specification),
        criteria(specification),
        offers(specification),
    )
    return AnalysisData(
        item_list,
        criterion_list,
        offer_list,
        scoring.analyse(scoring_inputs(specification, item_list, criterion_list, offer_list)),
    )
