"""Counting: weighted totals, ranking with ties ("1, 2, 2, 4"), ballots counted."""

from mutualis.workshops.tally import Tally, rank, tally

LEVERS = [("A", "Flexibilité"), ("B", "Adaptation"), ("C", "Règles"), ("D", "REX")]


def test_totals_are_the_sum_of_the_ballots():
    result = tally(LEVERS, [{"C": 3, "D": 2, "A": 1}, {"D": 3, "C": 2, "B": 1}, {}])
    assert {row.code: row.points for row in result.rows} == {"A": 1, "B": 1, "C": 5, "D": 5}
    assert {row.code: row.voters for row in result.rows} == {"A": 1, "B": 1, "C": 2, "D": 2}
    assert result.ballots == 2  # the empty ballot is not counted
    assert result.points == 12


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    result = rank(LEVERS, {"A": 4, "B": 7, "C": 4, "D": 1}, {}, 3)
    assert [(row.rank, row.code) for row in result.rows] == [
        (1, "B"),
        (2, "A"),
        (2, "C"),
        (4, "D"),
    ]
    assert result.tied_ranks == {2}
    assert [row.code for row in result.leaders] == ["B"]


def test_a_tie_at_the_top_has_several_leaders_and_levers_without_votes_come_last():
    result = rank(LEVERS, {"C": 6, "D": 6}, {"C": 2, "D": 3}, 4)
    assert [(row.rank, row.code) for row in result.rows] == [
        (1, "C"),
        (1, "D"),
        (3, "A"),
        (3, "B"),
    ]
    assert [row.code for row in result.leaders] == ["C", "D"]
    assert [row.percent for row in result.rows] == [50.0, 50.0, 0.0, 0.0]


def test_bars_are_relative_to_the_leader_and_never_localised():
    result = rank(LEVERS, {"A": 3, "B": 1}, {}, 1)
    assert [width for _, width in result.bars] == ["100.0", "33.3", "0.0", "0.0"]
    assert [width for _, width in rank(LEVERS, {}, {}, 0).bars] == ["0.0"] * 4


def test_a_tally_survives_its_frozen_form():
    result = tally(LEVERS, [{"A": 3, "B": 2, "C": 1}])
    assert Tally.from_dict(result.as_dict()) == result
