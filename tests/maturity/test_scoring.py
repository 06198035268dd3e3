"""maturity.scoring: means per dimension, global and socle scores, unanswered never zero."""

from mutualis.maturity.scoring import IndicatorRef, distribution, score

INDICATORS = [
    IndicatorRef("1.1.1", "1", is_socle=True),
    IndicatorRef("1.1.2", "1"),
    IndicatorRef("2.1.1", "2", is_socle=True),
    IndicatorRef("2.1.2", "2"),
    IndicatorRef("3.1.1", "3"),
]


def test_dimension_global_and_socle_scores():
    result = score(INDICATORS, {"1.1.1": 4, "1.1.2": 2, "2.1.1": 1, "2.1.2": 2, "3.1.1": 0})
    assert result.dimension_scores == {"1": 3.0, "2": 1.5, "3": 0.0}
    assert result.global_score == 1.5
    assert result.global_level == 1
    assert result.socle_score == 2.5
    assert result.is_complete and result.answered == 5


def test_unanswered_indicators_are_listed_not_counted_as_zero():
    result = score(INDICATORS, {"1.1.1": 4, "1.1.2": None, "2.1.2": 2})
    assert result.unanswered == ["1.1.2", "2.1.1", "3.1.1"]
    assert result.dimension_scores == {"1": 4.0, "2": 2.0, "3": None}
    assert result.global_score == 3.0  # dimension 3, unanswered, is left out
    assert result.socle_score == 4.0
    assert not result.is_complete and result.total == 5


def test_nothing_answered_gives_no_score():
    result = score(INDICATORS, {})
    assert result.global_score is None and result.global_level is None
    assert result.socle_score is None and result.answered == 0


def test_distribution_needs_the_minimum_number_of_peers():
    assert distribution([1.0, 2.0, 3.0, 4.0], minimum=5) is None
    peers = distribution([1.0, 2.0, 3.0, 4.0, 0.0], minimum=5)
    assert (peers.count, peers.q1, peers.median, peers.q3) == (5, 1.0, 2.0, 3.0)
    assert distribution([1.0, 2.0, 2.5, 4.0, 0.5, 3.5], minimum=5).median == 2.25
