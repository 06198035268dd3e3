"""The pure scoring of offers, on cases computed by hand (the arithmetic is in the comments)."""

from decimal import Decimal
from fractions import Fraction

from mutualis.specifications import scoring as s

COV = s.CriterionInput("cov", s.COVERAGE, "Couverture", 50)
PRICE = s.CriterionInput("price", s.PRICE, "Prix", 30)
SUPPORT = s.CriterionInput("support", s.MARK, "Accompagnement", 20)
IMPORTANCE = {"I1": s.INDISPENSABLE, "I2": s.WISHED, "I3": s.USEFUL, "I4": s.NOT_APPLICABLE}

OFFER_A = s.OfferInput(
    "a",
    "A",
    coverage={"I1": s.COVERED, "I2": s.PARTIAL, "I3": s.NOT_COVERED},  # I4 sans objet: unanswered
    price_lines=(s.PriceLineInput(s.ONE_OFF, Decimal("10000")), s.PriceLineInput(s.YEARLY, 2000)),
    marks={"support": Decimal("6")},
)
OFFER_B = s.OfferInput(
    "b",
    "B",
    coverage={"I1": s.PARTIAL, "I2": s.COVERED, "I3": s.COVERED, "I4": s.NOT_COVERED},
    price_lines=(s.PriceLineInput(s.ONE_OFF, 5000), s.PriceLineInput(s.YEARLY, Decimal("4000"))),
    marks={"support": Decimal("9.0")},
)


def two_offers(*criteria):
    return s.Inputs(IMPORTANCE, criteria or (COV, PRICE, SUPPORT), (OFFER_A, OFFER_B), 5)


def test_two_offers_three_criteria():
    analysis = s.analyse(two_offers())
    a, b = {r.key: r for r in analysis.results}["a"], {r.key: r for r in analysis.results}["b"]
    # coverage A = 100 × (3×1 + 2×½ + 1×0) / (3+2+1) = 100 × 4/6 = 200/3
    assert a.scores["cov"].value == Fraction(200, 3)
    # coverage B = 100 × (3×½ + 2×1 + 1×1) / 6 = 100 × 4.5/6 = 75
    assert b.scores["cov"].value == 75
    # cost A = 10 000 + 5 × 2 000 = 20 000; B = 5 000 + 5 × 4 000 = 25 000
    assert (a.cost.value, b.cost.value) == (20000, 25000)
    # price A = 100 × 20 000 / 20 000 = 100; B = 100 × 20 000 / 25 000 = 80
    assert (a.scores["price"].value, b.scores["price"].value) == (100, 80)
    assert (a.scores["support"].value, b.scores["support"].value) == (60, 90)
    # total A = (50 × 200/3 + 30 × 100 + 20 × 60) / 100 = (10 000/3 + 4 200) / 100 = 226/3
    assert a.total.value == Fraction(226, 3)
    # total B = (50 × 75 + 30 × 80 + 20 × 90) / 100 = 7 950 / 100 = 79.5
    assert b.total.value == Fraction(159, 2)
    assert [(r.key, r.rank) for r in analysis.results] == [("b", 1), ("a", 2)]
    # B covers I1 (indispensable) only partially: a warning, not an elimination
    assert b.missing_indispensable == (("I1", s.PARTIAL),)
    assert a.missing_indispensable == ()


def test_sensitivity_of_the_price_weight():
    analysis = s.analyse(two_offers())
    price = next(x for x in analysis.sensitivity if x.criterion.key == "price")
    # others: coverage 50 + support 20, B = 70
    # A_A = 50 × 200/3 + 20 × 60 = 13 600/3, s_A = 100; A_B = 50 × 75 + 20 × 90 = 5 550, s_B = 80
    # w* = (5 550 − 13 600/3) / (100 − 80) = (3 050/3) / 20 = 305/6 ≈ 50.83
    assert price.crossings == ((Fraction(305, 6), "a", "b"),)
    assert (price.lo, price.hi) == (0, Fraction(305, 6))
    assert price.leader_changes == (s.LeaderChange(Fraction(305, 6), ("b",), ("a",)),)
    text = s.sentences(price, analysis.label_of)
    assert text == [
        "Entre 0 et 50,83 pour « Prix », le classement ne change pas.",
        "Au-delà de 50,83, l'offre A passe en tête.",
    ]


X = s.CriterionInput("x", s.MARK, "Réversibilité", 20)
Y = s.CriterionInput("y", s.MARK, "Hébergement", 50)
K = s.OfferInput("k", "K", marks={"x": 9, "y": 5})
L = s.OfferInput("l", "L", marks={"x": 6, "y": Decimal("6.7")})


def test_a_crossing_exactly_at_85_thirds():
    analysis = s.analyse(s.Inputs({}, (X, Y), (K, L), 5))
    # totals: K = (20×90 + 50×50)/70 = 4 300/70; L = (20×60 + 50×67)/70 = 4 550/70: L first
    assert [r.key for r in analysis.results] == ["l", "k"]
    x = analysis.sensitivity[0]
    # weight of X moves, B = 50: A_K = 2 500, s_K = 90; A_L = 3 350, s_L = 60
    # w* = (3 350 − 2 500) / (90 − 60) = 850/30 = 85/3
    assert x.crossings == ((Fraction(85, 3), "k", "l"),)
    assert (x.lo, x.hi) == (0, Fraction(85, 3))
    assert s.sentences(x, analysis.label_of)[1] == ("Au-delà de 28,33, l'offre K passe en tête.")
    y = analysis.sensitivity[1]
    # weight of Y moves, B = 20: A_K = 1 800, s_K = 50; A_L = 1 200, s_L = 67
    # w* = (1 200 − 1 800) / (50 − 67) = 600/17 ≈ 35.29; below it K leads (at 0: 90 > 60)
    assert (y.lo, y.hi) == (Fraction(600, 17), 100)
    assert y.leader_changes == (s.LeaderChange(Fraction(600, 17), ("k",), ("l",)),)
    assert s.sentences(y, analysis.label_of)[1] == ("En dessous de 35,29, l'offre K passe en tête.")


def test_no_crossing_when_an_offer_dominates():
    k = s.OfferInput("k", "K", marks={"x": 8, "y": 8})
    m = s.OfferInput("m", "M", marks={"x": 5, "y": 5})
    analysis = s.analyse(s.Inputs({}, (X, Y), (k, m), 5))
    for sensitivity in analysis.sensitivity:
        # w* = (A_M − A_K)/(s_K − s_M) < 0: outside [0, 100]
        assert sensitivity.crossings == ()
        assert (sensitivity.lo, sensitivity.hi) == (0, 100)
        assert sensitivity.leader_changes == ()
    assert s.sentences(analysis.sensitivity[0], analysis.label_of) == [
        "Entre 0 et 100 pour « Réversibilité », le classement ne change pas.",
        "Entre 0 et 100, l'offre en tête reste la même.",
    ]


def test_ties_share_a_rank():
    twin = s.OfferInput("t", "T", marks={"x": 9, "y": 5})  # same marks as K
    analysis = s.analyse(s.Inputs({}, (X, Y), (K, L, twin), 5))
    # totals with X = 20 at 85/3 is not reached: L = 65, K = T = 4 300/70 ≈ 61.4
    assert [(r.key, r.rank) for r in analysis.results] == [("l", 1), ("k", 2), ("t", 2)]
    x = analysis.sensitivity[0]
    # K and T are parallel (same s, same A): they never swap; each crosses L at 85/3
    assert x.crossings == ((Fraction(85, 3), "k", "l"), (Fraction(85, 3), "l", "t"))
    assert x.leader_changes == (s.LeaderChange(Fraction(85, 3), ("l",), ("k", "t")),)
    assert "l'offre K et l'offre T passent en tête" in s.sentences(x, analysis.label_of)[1]


def test_a_zero_weight_does_not_count_even_when_not_evaluable():
    zero = s.CriterionInput("z", s.MARK, "Sans poids", 0)
    analysis = s.analyse(s.Inputs({}, (X, Y, zero), (K, L), 5))
    k = next(r for r in analysis.results if r.key == "k")
    assert k.scores["z"].value is None
    assert k.total.value == Fraction(4300, 70)  # (20×90 + 50×50 + 0×?) / (20 + 50)
    # the ranking never depends on a criterion no offer is marked on
    z = analysis.sensitivity[2]
    assert (z.lo, z.hi, z.crossings) == (0, 100, ())


def test_a_crossing_at_the_current_weight_is_not_kept():
    # X at 85/3 is not an integer weight; use marks making the swap at the current weight 20:
    # A_K = 50 × 50 = 2 500, s_K = 90; A_L = 50 × s_L', s_L = 60 → w* = (A_L − 2 500)/30 = 20
    # when A_L = 3 100, s_Y(L) = 62
    low = s.OfferInput("l", "L", marks={"x": 6, "y": Decimal("6.2")})
    analysis = s.analyse(s.Inputs({}, (X, Y), (K, low), 5))
    assert [r.rank for r in analysis.results] == [1, 1]  # (1 800+2 500)/70 = (1 200+3 100)/70
    assert analysis.sensitivity[0].crossings == ()


def test_no_weight_at_all_is_not_evaluable():
    zero = s.CriterionInput("x", s.MARK, "X", 0)
    analysis = s.analyse(s.Inputs({}, (zero,), (K, L), 5))
    assert all(r.rank is None for r in analysis.results)
    assert analysis.results[0].total.reason == "aucun critère n'a de poids"
    assert analysis.total_reason == "aucun critère n'a de poids"
    assert analysis.sensitivity == ()
