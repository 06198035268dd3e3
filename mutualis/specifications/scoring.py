"""Scoring of the vendors' offers against the group's criteria (pure: no ORM, exact
arithmetic with ``fractions.Fraction``). The rules below are shown to users on the analysis
page (``RULES``).

Coverage. Each requirement weighs w = 3 if the group arbitrated it « indispensable »,
2 « souhaité », 1 « utile », 0 « sans objet »; an offer covers it c = 1 (couverte),
½ (partiellement) or 0 (non couverte). Coverage score = 100 × Σ w·c / Σ w over the
requirements with w > 0. It is « non évaluable » while a requirement is not arbitrated, when
the offer has no answer for a requirement with w > 0, or when every requirement is « sans
objet ». The indispensable requirements an offer does not fully cover are listed as a
warning; they do not eliminate it.

Price. Compared cost = Σ one-off amounts + contract years × Σ yearly amounts (excluding
tax). « Non évaluable » when the offer has no price line or a line without an amount. Price
score = 100 × lowest cost among the évaluable offers / cost of the offer (a cost of 0
scores 100).

Marks. Score = 10 × the group's mark out of 10; « non évaluable » without a mark.

Total. Σ weight × score / Σ weight over the criteria with a weight > 0; « non évaluable » if
one of these criteria is, or if no weight is > 0. Offers are ranked by total (equal totals
share a rank); « non évaluable » offers come after, without a rank.

Sensitivity, per criterion c, the other weights fixed: an offer's total is
total_k(w) = (A_k + w·s_k) / (B + w) with A_k = Σ_{j≠c} w_j·s_kj and B = Σ_{j≠c} w_j.
Two offers k and l swap at w* = (A_l − A_k) / (s_k − s_l), kept when 0 ≤ w* ≤ 100 and w* is
not the current weight. Reported: the interval of weights around the current one in which
the ranking does not change, and the weights where the leading offer changes. Only the
évaluable offers take part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

INDISPENSABLE, WISHED, USEFUL, NOT_APPLICABLE = "indispensable", "souhaite", "utile", "sans_objet"
IMPORTANCE_WEIGHTS = {INDISPENSABLE: 3, WISHED: 2, USEFUL: 1, NOT_APPLICABLE: 0}
COVERED, PARTIAL, NOT_COVERED = "covered", "partial", "not_covered"
COVERAGE_VALUES = {COVERED: Fraction(1), PARTIAL: Fraction(1, 2), NOT_COVERED: Fraction(0)}
COVERAGE, PRICE, MARK = "coverage", "price", "mark"
ONE_OFF, YEARLY = "one_off", "yearly"
MAX_WEIGHT = 100
HUNDRED = Fraction(100)
NARROW_SPACE = "\u202f"

RULES = (
    "Couverture fonctionnelle : chaque exigence pèse 3 si le groupe l'a arbitrée "
    "« indispensable », 2 « souhaitée », 1 « utile », 0 « sans objet » ; une offre la couvre "
    "pour 1 (couverte), ½ (partiellement) ou 0 (non couverte). Score = 100 × somme des poids × "
    "couverture / somme des poids. Non évaluable tant qu'une exigence n'est pas arbitrée, si "
    "l'offre ne répond pas sur une exigence qui pèse, ou si toutes sont « sans objet ». Les "
    "exigences indispensables non couvertes entièrement sont signalées, sans éliminer l'offre.",
    "Prix : coût comparé = investissements + durée du marché × coûts annuels (HT). Non "
    "évaluable sans ligne de prix ou si une ligne n'a pas de montant. Score = 100 × coût le "
    "plus bas parmi les offres évaluables / coût de l'offre (un coût nul obtient 100).",
    "Notes : score = 10 × la note sur 10 donnée par le groupe ; non évaluable sans note.",
    "Total : moyenne des scores pondérée par les poids des critères (ceux de poids nul ne "
    "comptent pas). Non évaluable si un critère qui compte l'est. Les offres sont classées par "
    "total (à total égal, même rang) ; les offres non évaluables viennent après, sans rang.",
    "Sensibilité : pour chaque critère, les autres poids restant fixes, on cherche entre 0 et "
    "100 les poids où deux offres échangent leur place ; on indique l'intervalle autour du poids "
    "actuel où le classement ne change pas et les poids où l'offre en tête change.",
)


# Inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionInput:
    key: str
    kind: str  # COVERAGE, PRICE or MARK
    label: str
    weight: int  # 0–100


@dataclass(frozen=True)
class PriceLineInput:
    kind: str  # ONE_OFF or YEARLY
    amount: Decimal | Fraction | int | None
    label: str = ""


@dataclass(frozen=True)
class OfferInput:
    key: str
    label: str
    coverage: Mapping[str, str] = field(default_factory=dict)  # item code → COVERED…
    price_lines: Sequence[PriceLineInput] = ()
    marks: Mapping[str, Decimal | Fraction | int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Inputs:
    importance: Mapping[str, str | None]  # item code → arbitrated importance, in order
    criteria: Sequence[CriterionInput]
    offers: Sequence[OfferInput]
    contract_years: int


# Outputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """A score out of 100, or None with the reason it is « non évaluable »."""

    value: Fraction | None
    reason: str = ""

    @property
    def evaluable(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Cost:
    value: Fraction | None
    one_off: Fraction = Fraction(0)
    yearly: Fraction = Fraction(0)
    reason: str = ""


@dataclass(frozen=True)
class OfferResult:
    key: str
    label: str
    scores: dict[str, Score]  # criterion key → score
    total: Score
    cost: Cost
    missing_indispensable: tuple[tuple[str, str | None], ...]  # (item code, level or None)
    rank: int | None = None


@dataclass(frozen=True)
class LeaderChange:
    weight: Fraction
    before: tuple[str, ...]  # offer keys leading just below the weight
    after: tuple[str, ...]  # just above


@dataclass(frozen=True)
class Sensitivity:
    criterion: CriterionInput
    lo: Fraction
    hi: Fraction
    crossings: tuple[tuple[Fraction, str, str], ...]  # (weight, offer key, offer key)
    leader_changes: tuple[LeaderChange, ...]


@dataclass(frozen=True)
class Analysis:
    results: tuple[OfferResult, ...]  # ranked ones first, then the « non évaluable » ones
    sensitivity: tuple[Sensitivity, ...]
    total_reason: str = ""  # why no total is évaluable at all, if so

    @property
    def ranked(self) -> tuple[OfferResult, ...]:
        return tuple(r for r in self.results if r.rank is not None)

    def label_of(self, key: str) -> str:
        return next((r.label for r in self.results if r.key == key), key)


# Rules ----------------------------------------------------------------------------------


def _fraction(value) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def _items(count: int) -> str:
    return f"{count} exigence" if count <= 1 else f"{count} exigences"


def coverage_score(importance: Mapping[str, str | None], coverage: Mapping[str, str]) -> Score:
    unarbitrated = [code for code, level in importance.items() if not level]
    if unarbitrated:
        return Score(None, f"{_items(len(unarbitrated))} non arbitrée(s)")
    weighted = [(code, IMPORTANCE_WEIGHTS[level]) for code, level in importance.items()]
    weighted = [(code, w) for code, w in weighted if w > 0]
    if not weighted:
        return Score(None, "toutes les exigences sont « sans objet »")
    unanswered = [code for code, _ in weighted if coverage.get(code) not in COVERAGE_VALUES]
    if unanswered:
        return Score(None, f"couverture non renseignée pour {_items(len(unanswered))}")
    total = sum(w for _, w in weighted)
    # in halves, with integers: c = 1, ½, 0 counts 2, 1, 0
    halves = sum(w * int(2 * COVERAGE_VALUES[coverage[code]]) for code, w in weighted)
    return Score(Fraction(100 * halves, 2 * total))


def missing_indispensable(
    importance: Mapping[str, str | None], coverage: Mapping[str, str]
) -> tuple[tuple[str, str | None], ...]:
    """The indispensable requirements the offer does not fully cover, with its answer."""
    return tuple(
        (code, coverage.get(code))
        for code, level in importance.items()
        if level == INDISPENSABLE and coverage.get(code) != COVERED
    )


def cost_of(price_lines: Sequence[PriceLineInput], contract_years: int) -> Cost:
    if not price_lines:
        return Cost(None, reason="aucune ligne de prix")
    unpriced = [line for line in price_lines if line.amount is None]
    if unpriced:
        return Cost(None, reason=f"{len(unpriced)} ligne(s) de prix sans montant")
    one_off = sum(
        (_fraction(line.amount) for line in price_lines if line.kind == ONE_OFF), Fraction(0)
    )
    yearly = sum(
        (_fraction(line.amount) for line in price_lines if line.kind == YEARLY), Fraction(0)
    )
    return Cost(one_off + contract_years * yearly, one_off, yearly)


def price_score(cost: Cost, lowest: Fraction | None) -> Score:
    if cost.value is None:
        return Score(None, cost.reason)
    if cost.value == 0:
        return Score(HUNDRED)
    return Score(HUNDRED * lowest / cost.value)


def mark_score(mark) -> Score:
    if mark is None:
        return Score(None, "pas de note")
    return Score(10 * _fraction(mark))


def total_score(criteria: Sequence[CriterionInput], scores: Mapping[str, Score]) -> Score:
    counted = [c for c in criteria if c.weight > 0]
    if not counted:
        return Score(None, "aucun critère n'a de poids")
    missing = [c for c in counted if not scores[c.key].evaluable]
    if missing:
        return Score(None, " ; ".join(f"{c.label} : {scores[c.key].reason}" for c in missing))
    weights = sum(c.weight for c in counted)
    return Score(sum(c.weight * scores[c.key].value for c in counted) / weights)


def ranks(totals: Mapping[str, Fraction]) -> dict[str, int]:
    """Competition ranking: equal totals share a rank, the next rank skips (1, 1, 3)."""
    ordered = sorted(totals.values(), reverse=True)
    return {key: ordered.index(total) + 1 for key, total in totals.items()}


def analyse(inputs: Inputs) -> Analysis:
    costs = {o.key: cost_of(o.price_lines, inputs.contract_years) for o in inputs.offers}
    priced = [c.value for c in costs.values() if c.value is not None]
    lowest = min(priced) if priced else None
    draft = []
    for offer in inputs.offers:
        scores = {}
        for criterion in inputs.criteria:
            if criterion.kind == COVERAGE:
                scores[criterion.key] = coverage_score(inputs.importance, offer.coverage)
            elif criterion.kind == PRICE:
                scores[criterion.key] = price_score(costs[offer.key], lowest)
            else:
                scores[criterion.key] = mark_score(offer.marks.get(criterion.key))
        draft.append((offer, scores, total_score(inputs.criteria, scores)))
    rank_of = ranks({offer.key: total.value for offer, _, total in draft if total.evaluable})
    results = [
        OfferResult(
            key=offer.key,
            label=offer.label,
            scores=scores,
            total=total,
            cost=costs[offer.key],
            missing_indispensable=missing_indispensable(inputs.importance, offer.coverage),
            rank=rank_of.get(offer.key),
        )
        for offer, scores, total in draft
    ]
    results.sort(key=lambda r: (r.rank is None, r.rank or 0, r.label.casefold()))
    counted = [c for c in inputs.criteria if c.weight > 0]
    ranked = [r for r in results if r.rank is not None]
    sensitivity = tuple(sensitivity_of(c, inputs.criteria, ranked) for c in inputs.criteria)
    return Analysis(
        tuple(results),
        sensitivity if len(ranked) > 1 else (),
        "" if counted else "aucun critère n'a de poids",
    )


# Sensitivity ----------------------------------------------------------------------------


def _leaders(parts: Mapping[str, tuple[Fraction, Fraction]], w: Fraction) -> tuple[str, ...]:
    """The offers with the highest total at weight ``w``: all totals share the denominator
    B + w > 0, so the numerators A_k + w·s_k are compared."""
    numerators = {key: a + w * s for key, (a, s) in parts.items()}
    best = max(numerators.values())
    return tuple(sorted(key for key, value in numerators.items() if value == best))


def sensitivity_of(
    criterion: CriterionInput,
    criteria: Sequence[CriterionInput],
    ranked: Sequence[OfferResult],
) -> Sensitivity:
    """How the ranking of the évaluable offers moves with the weight of ``criterion``."""
    others = [c for c in criteria if c.key != criterion.key and c.weight > 0]
    b = Fraction(sum(c.weight for c in others))
    current = Fraction(criterion.weight)
    # A_k and s_k per offer; a criterion of weight 0 may be « non évaluable » for an offer
    # whose total is évaluable: it then takes no part in this criterion's sensitivity.
    parts = {
        r.key: (
            sum(c.weight * r.scores[c.key].value for c in others),
            r.scores[criterion.key].value,
        )
        for r in ranked
        if r.scores[criterion.key].evaluable
    }
    if len(parts) < 2:
        return Sensitivity(criterion, Fraction(0), HUNDRED, (), ())
    keys = list(parts)
    crossings = []
    for i, k in enumerate(keys):
        for l in keys[i + 1 :]:  # noqa: E741
            (a_k, s_k), (a_l, s_l) = parts[k], parts[l]
            if s_k == s_l:
                continue  # parallel: equal for every weight or never
            w = Fraction(a_l - a_k) / (s_k - s_l)
            if 0 <= w <= MAX_WEIGHT and w != current and (b + w) > 0:
                crossings.append((w, *sorted((k, l))))
    crossings.sort()
    lo = max((w for w, _, _ in crossings if w < current), default=Fraction(0))
    hi = min((w for w, _, _ in crossings if w > current), default=HUNDRED)
    points = sorted({w for w, _, _ in crossings if 0 < w < MAX_WEIGHT})
    bounds = [Fraction(0), *points, HUNDRED]
    segments = [  # the leaders inside each interval between two crossing weights
        _leaders(parts, (low + high) / 2) if b + (low + high) / 2 > 0 else None
        for low, high in pairwise(bounds)
    ]
    changes = [
        LeaderChange(point, segments[n], segments[n + 1])
        for n, point in enumerate(points)
        if segments[n] is not None and segments[n] != segments[n + 1]
    ]
    return Sensitivity(criterion, lo, hi, tuple(crossings), tuple(changes))


# Wording --------------------------------------------------------------------------------


def french_number(value: Fraction | None, places: int = 2) -> str:
    """47,5 ; 12 ; a fraction with no short decimal form is rounded: 85/3 gives "28,33" (the
    thresholds stay exact in the computation; people read weights, not fractions)."""
    if value is None:
        return "non évaluable"
    value = Fraction(value)
    scaled = value * 10**places
    if scaled.denominator == 1:
        text = f"{Decimal(scaled.numerator).scaleb(-places):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    rounded = round(scaled) / Decimal(10**places)
    return f"{rounded:.{places}f}".replace(".", ",")


def rounded(value: Fraction | None, places: int = 1) -> str:
    """A score as shown in tables: 66,7 (rounded half to even), "—" when None."""
    if value is None:
        return "—"
    text = f"{round(Decimal(value.numerator) / Decimal(value.denominator), places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def euros(value: Fraction | None) -> str:
    """« 12 500,00 € », or « non évaluable »."""
    if value is None:
        return "non évaluable"
    amount = round(Decimal(value.numerator) / Decimal(value.denominator), 2)
    whole, cents = f"{amount:,.2f}".split(".")
    return whole.replace(",", NARROW_SPACE) + f",{cents} €"


def _names(keys: Sequence[str], label_of) -> str:
    labels = [f"l'offre {label_of(key)}" for key in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " et " + labels[-1]


def sentences(sensitivity: Sensitivity, label_of) -> list[str]:
    """The sensitivity of one criterion in French sentences."""
    label = sensitivity.criterion.label
    lo, hi = french_number(sensitivity.lo), french_number(sensitivity.hi)
    out = [f"Entre {lo} et {hi} pour « {label} », le classement ne change pas."]
    current = sensitivity.criterion.weight
    for change in sensitivity.leader_changes:
        weight = french_number(change.weight)
        if change.weight > current:
            verb = "passent" if len(change.after) > 1 else "passe"
            out.append(f"Au-delà de {weight}, {_names(change.after, label_of)} {verb} en tête.")
        else:
            verb = "passent" if len(change.before) > 1 else "passe"
            out.append(f"En dessous de {weight}, {_names(change.before, label_of)} {verb} en tête.")
    if not sensitivity.leader_changes:
        out.append("Entre 0 et 100, l'offre en tête reste la même.")
    return out
