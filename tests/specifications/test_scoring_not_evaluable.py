"""« Non évaluable » scores, with their reasons, and the offers that are not ranked."""

from decimal import Decimal
from fractions import Fraction

from mutualis.specifications import scoring as s

COV = s.CriterionInput("cov", s.COVERAGE, "Couverture", 60)
PRICE = s.CriterionInput("price", s.PRICE, "Prix", 40)
MARK = s.CriterionInput("mark", s.MARK, "Réversibilité", 10)


def test_coverage_not_evaluable_while_an_item_is_not_arbitrated():
    score = s.coverage_score({"I1": s.INDISPENSABLE, "I2": None}, {"I1": s.COVERED})
    assert score.value is None
    assert score.reason == "1 exigence non arbitrée(s)"


def test_coverage_not_evaluable_when_a_weighing_item_has_no_answer():
    importance = {"I1": s.INDISPENSABLE, "I2": s.USEFUL, "I3": s.NOT_APPLICABLE}
    assert s.coverage_score(importance, {"I1": s.COVERED}).reason == (
        "couverture non renseignée pour 1 exigence"
    )
    # I3 is « sans objet »: its answer is not needed. 100 × (3×1 + 1×½) / 4 = 87.5
    assert s.coverage_score(importance, {"I1": s.COVERED, "I2": s.PARTIAL}).value == Fraction(
        175, 2
    )


def test_coverage_not_evaluable_when_everything_is_not_applicable():
    score = s.coverage_score({"I1": s.NOT_APPLICABLE}, {"I1": s.COVERED})
    assert (score.value, score.reason) == (None, "toutes les exigences sont « sans objet »")


def test_price_not_evaluable_without_lines_or_with_an_unpriced_line():
    assert s.cost_of((), 5).reason == "aucune ligne de prix"
    lines = (s.PriceLineInput(s.ONE_OFF, 100), s.PriceLineInput(s.YEARLY, None))
    assert s.cost_of(lines, 5).reason == "1 ligne(s) de prix sans montant"


def test_price_score_is_against_the_lowest_evaluable_cost_and_zero_scores_100():
    free = s.OfferInput("f", "F", price_lines=(s.PriceLineInput(s.ONE_OFF, 0),))
    paid = s.OfferInput("p", "P", price_lines=(s.PriceLineInput(s.YEARLY, Decimal("10.50")),))
    unpriced = s.OfferInput("u", "U")
    analysis = s.analyse(s.Inputs({}, (PRICE,), (unpriced, paid, free), 3))
    by_key = {r.key: r for r in analysis.results}
    assert by_key["f"].scores["price"].value == 100  # cost 0
    assert by_key["p"].cost.value == Fraction(63, 2)  # 3 × 10.50
    assert by_key["p"].scores["price"].value == 0  # 100 × 0 / 31.5
    assert by_key["u"].scores["price"].reason == "aucune ligne de prix"
    assert [r.key for r in analysis.results] == ["f", "p", "u"]
    assert by_key["u"].rank is None


def test_a_missing_mark_makes_the_total_not_evaluable_with_its_reason():
    marked = s.OfferInput("m", "M", marks={"mark": 7})
    unmarked = s.OfferInput("n", "N", marks={"mark": None})
    analysis = s.analyse(s.Inputs({}, (MARK,), (unmarked, marked), 5))
    assert [(r.key, r.rank) for r in analysis.results] == [("m", 1), ("n", None)]
    assert analysis.results[0].total.value == 70
    assert analysis.results[1].total.reason == "Réversibilité : pas de note"
    # a single évaluable offer: no sensitivity to report
    assert analysis.sensitivity == ()


def test_total_reason_lists_every_counted_criterion_not_evaluable():
    offer = s.OfferInput("o", "O", coverage={})
    analysis = s.analyse(s.Inputs({"I1": None}, (COV, PRICE), (offer,), 5))
    assert analysis.results[0].total.reason == (
        "Couverture : 1 exigence non arbitrée(s) ; Prix : aucune ligne de prix"
    )


def test_french_numbers():
    assert s.french_number(Fraction(95, 2)) == "47,5"
    assert s.french_number(Fraction(12)) == "12"
    assert s.french_number(Fraction(85, 3)) == "28,33"
    assert s.rounded(Fraction(200, 3)) == "66,7"
    assert s.rounded(None) == "—"
