"""The offer analysis as the page, the workbook and the PDF show it: one set of rows built
from ``offer_selectors.analysis``, so the three say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from mutualis.core.tabular import Money, Sheet
from mutualis.specifications import scoring
from mutualis.specifications.models import Coverage, PriceLine
from mutualis.specifications.offer_selectors import AnalysisData

NOT_EVALUABLE = "non évaluable"
LEVELS = dict(Coverage.Level.choices)
KINDS = dict(PriceLine.Kind.choices)


def _decimal(value: Fraction | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    return round(Decimal(value.numerator) / Decimal(value.denominator), places)


@dataclass
class Cell:
    text: str  # the score rounded, or « non évaluable »
    reason: str = ""


@dataclass
class RankingRow:
    key: str
    label: str
    rank: int | None
    cells: list[Cell]
    total: Cell
    cost: str
    missing: list[str]  # "CODE label (answer)"
    chosen: bool


@dataclass
class SensitivityBlock:
    label: str
    weight: int
    lo: str
    hi: str
    lo_value: Fraction
    hi_value: Fraction
    sentences: list[str]
    crossings: list[tuple[str, str, str]]  # (weight, offer, offer)
    changes: list[tuple[str, str, str]]  # (weight, before, after)
    change_values: list[Fraction]
    crossing_values: list[Fraction]


def _cell(score: scoring.Score) -> Cell:
    if score.evaluable:
        return Cell(scoring.rounded(score.value))
    return Cell(NOT_EVALUABLE, score.reason)


def _names(keys, label_of) -> str:
    return " et ".join(label_of(key) for key in keys)


def ranking(data: AnalysisData, chosen_key: str | None = None) -> list[RankingRow]:
    items = data.item_by_code
    rows = []
    for result in data.analysis.results:
        missing = [
            f"{code} {items[code].label} ({LEVELS.get(level, 'non renseignée').lower()})"
            for code, level in result.missing_indispensable
        ]
        rows.append(
            RankingRow(
                key=result.key,
                label=result.label,
                rank=result.rank,
                cells=[_cell(result.scores[str(c.pk)]) for c in data.criteria],
                total=_cell(result.total),
                cost=scoring.euros(result.cost.value)
                + ("" if result.cost.value is not None else f" ({result.cost.reason})"),
                missing=missing,
                chosen=result.key == chosen_key,
            )
        )
    return rows


def sensitivity(data: AnalysisData) -> list[SensitivityBlock]:
    label_of = data.analysis.label_of
    return [
        SensitivityBlock(
            label=block.criterion.label,
            weight=block.criterion.weight,
            lo=scoring.french_number(block.lo),
            hi=scoring.french_number(block.hi),
            lo_value=block.lo,
            hi_value=block.hi,
            change_values=[change.weight for change in block.leader_changes],
            crossing_values=[w for w, _, _ in block.crossings],
            sentences=scoring.sentences(block, label_of),
            crossings=[
                (scoring.french_number(w), label_of(k), label_of(la))
                for w, k, la in block.crossings
            ],
            changes=[
                (
                    scoring.french_number(change.weight),
                    _names(change.before, label_of),
                    _names(change.after, label_of),
                )
                for change in block.leader_changes
            ],
        )
        for block in data.analysis.sensitivity
    ]


def percentages(criteria) -> list[str]:
    """Each criterion's share of the total weight, « 33,3 % »."""
    total = sum(c.weight for c in criteria)
    return [
        f"{scoring.rounded(Fraction(100 * c.weight, total))} %" if total else "—" for c in criteria
    ]


def context(data: AnalysisData, chosen_key: str | None = None) -> dict:
    return {
        "criteria": data.criteria,
        "ranking": ranking(data, chosen_key),
        "sensitivity": sensitivity(data),
        "rules": scoring.RULES,
        "total_reason": data.analysis.total_reason,
        "offer_count": len(data.offers),
        "evaluable_count": len(data.analysis.ranked),
    }


# Workbook -------------------------------------------------------------------------------


def _number(score: scoring.Score):
    return _decimal(score.value) if score.evaluable else f"{NOT_EVALUABLE} : {score.reason}"


def sheets(data: AnalysisData) -> list[Sheet]:
    criteria = data.criteria
    results = data.analysis.results
    ranking_rows = [
        ["Rang", "Offre", *(f"{c.label} (poids {c.weight})" for c in criteria), "Total"],
        *(
            [
                r.rank if r.rank is not None else NOT_EVALUABLE,
                r.label,
                *(_number(r.scores[str(c.pk)]) for c in criteria),
                _number(r.total),
            ]
            for r in results
        ),
    ]
    coverage_of = {
        str(offer.uid): {c.item_id: c.level for c in offer.coverages.all()} for offer in data.offers
    }
    coverage_rows = [
        ["Code", "Domaine", "Exigence", "Importance retenue", *(r.label for r in results)],
        *(
            [
                item.code,
                item.domain_label,
                item.label,
                item.get_importance_display() if item.importance else "non arbitrée",
                *(LEVELS.get(coverage_of[r.key].get(item.pk), "Non renseignée") for r in results),
            ]
            for item in data.items
        ),
    ]
    offer_by_key = data.offer_by_key
    price_rows = [["Offre", "Poste", "Nature", "Montant HT"]]
    for r in results:
        for line in offer_by_key[r.key].price_lines.all():
            price_rows.append(
                [
                    r.label,
                    line.label,
                    KINDS.get(line.kind, line.kind),
                    Money(line.amount) if line.amount is not None else "non chiffré",
                ]
            )
        cost = r.cost
        total = (
            Money(_decimal(cost.value))
            if cost.value is not None
            else f"{NOT_EVALUABLE} : {cost.reason}"
        )
        price_rows.append([r.label, "Coût comparé sur la durée du marché", "Total", total])
    sensitivity_rows = [
        ["Critère", "Poids actuel", "Événement", "Poids", "Poids (valeur décimale)", "Offres"]
    ]
    for block in sensitivity(data):
        sensitivity_rows.append(
            [
                block.label,
                block.weight,
                "Classement inchangé entre",
                f"{block.lo} et {block.hi}",
                f"{_decimal(block.lo_value)} – {_decimal(block.hi_value)}",
                "",
            ]
        )
        for (weight, before, after), value in zip(block.changes, block.change_values, strict=True):
            sensitivity_rows.append(
                [
                    block.label,
                    block.weight,
                    "Changement de tête",
                    weight,
                    _decimal(value),
                    f"{before} → {after}",
                ]
            )
        for (weight, first, second), value in zip(
            block.crossings, block.crossing_values, strict=True
        ):
            sensitivity_rows.append(
                [
                    block.label,
                    block.weight,
                    "Deux offres échangent",
                    weight,
                    _decimal(value),
                    f"{first} / {second}",
                ]
            )
    return [
        Sheet("Classement", ranking_rows),
        Sheet("Couverture", coverage_rows),
        Sheet("Prix", price_rows),
        Sheet("Sensibilité", sensitivity_rows),
    ]
