"""The convergence of an item's ratings, on hand-computed cases."""

import pytest

from mutualis.specifications.convergence import (
    CONSENSUS,
    DISAGREEMENT,
    INCOMPLETE,
    MAJORITY,
    converge,
)

IND, S, U, SO = "indispensable", "souhaite", "utile", "sans_objet"


@pytest.mark.parametrize(
    ("ratings", "status", "suggested", "counts"),
    [
        ([IND, IND, IND], CONSENSUS, IND, [3, 0, 0, 0]),
        ([SO, SO], CONSENSUS, SO, [0, 0, 0, 2]),
        # 2 of 3 the same, one step apart: majority.
        ([IND, IND, S], MAJORITY, IND, [2, 1, 0, 0]),
        ([U, SO, SO], MAJORITY, SO, [0, 0, 1, 2]),
        # Two steps apart: disagreement, even with a majority; a three-way tie goes up.
        ([IND, IND, U], DISAGREEMENT, IND, [2, 0, 1, 0]),
        ([IND, S, U], DISAGREEMENT, IND, [1, 1, 1, 0]),
        ([SO, SO, SO, IND], DISAGREEMENT, SO, [1, 0, 0, 3]),
        # One step apart but no strict majority: disagreement; the tie goes to the more important.
        ([S, U, None], DISAGREEMENT, S, [0, 1, 1, 0]),
        ([U, S, S, U], DISAGREEMENT, S, [0, 2, 2, 0]),
        # All who rated agree but not everyone rated: a majority, not a consensus.
        ([IND, IND, None, None], MAJORITY, IND, [2, 0, 0, 0]),
        # Fewer than half rated.
        ([IND, None, None], INCOMPLETE, IND, [1, 0, 0, 0]),
        ([None, None, None], INCOMPLETE, None, [0, 0, 0, 0]),
        ([], INCOMPLETE, None, [0, 0, 0, 0]),
    ],
)
def test_convergence_of_hand_computed_cases(ratings, status, suggested, counts):
    result = converge(ratings)
    assert result.status == status
    assert result.suggested == suggested
    assert result.ordered_counts == counts
    assert result.rated == sum(counts)
    assert result.members == len(ratings)


def test_the_suggested_level_has_its_french_label():
    assert converge([S, S, IND]).suggested_label == "Souhaité"
    assert converge([]).suggested_label == ""


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="inconnu"):
        converge([IND, "tres_important"])
