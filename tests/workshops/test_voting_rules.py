"""Voting rules as pure strategies: the seed's 3/2/1 stickers, N stackable dots, approval."""

import pytest

from mutualis.workshops.voting import (
    Approval,
    InvalidBallot,
    RankedStickers,
    StackableDots,
    rule_for,
)

LEVERS = list("ABCDEFG")


def errors(rule, placements) -> list[str]:
    with pytest.raises(InvalidBallot) as caught:
        rule.check(placements, LEVERS)
    return caught.value.messages


def test_ranked_stickers_put_3_2_1_on_three_distinct_levers():
    assert RankedStickers().check([("C", 3), ("E", 2), ("A", 1)], LEVERS) == {
        "C": 3,
        "E": 2,
        "A": 1,
    }
    assert RankedStickers().stickers == 6


@pytest.mark.parametrize(
    ("placements", "message"),
    [
        ([], "Choisissez un levier pour : Le plus prioritaire (3 gommettes)"),
        ([("C", 3)], "Choisissez un levier pour : Très prioritaire (2 gommettes), Prioritaire"),
        ([("C", 3), ("C", 2), ("C", 1)], "Choisissez trois leviers différents."),
        ([("C", 3), ("E", 3), ("A", 1)], "Placez exactement vos 6 gommettes"),
        ([("C", 4), ("E", 2), ("A", 1)], "Placez exactement vos 6 gommettes"),
        ([("Z", 3), ("E", 2), ("A", 1)], "Levier inconnu : Z."),
        ([("C", -3), ("E", 2), ("A", 1)], "Le nombre de gommettes ne peut pas être négatif."),
        ([("C", 1.5), ("E", 2), ("A", 1)], "Le nombre de gommettes doit être un nombre entier."),
    ],
)
def test_invalid_ranked_ballots_are_refused_in_french(placements, message):
    assert any(found.startswith(message) for found in errors(RankedStickers(), placements))


def test_ranked_stickers_need_three_levers():
    assert RankedStickers().feasible(2) == "Cette règle demande au moins trois leviers."
    assert RankedStickers().feasible(3) is None


def test_stackable_dots_may_pile_up_on_one_lever_up_to_n():
    rule = StackableDots(5)
    assert rule.check([("A", 5)], LEVERS) == {"A": 5}
    assert rule.check([("A", 2), ("B", 0), ("A", 1)], LEVERS) == {"A": 3}
    assert errors(rule, [("A", 4), ("B", 2)]) == [
        "Vous avez placé 6 gommettes : vous n'en disposez que de 5."
    ]
    assert errors(rule, [("A", 0)]) == ["Placez au moins une gommette."]
    assert "5 gommettes" in rule.instructions


def test_approval_gives_one_sticker_to_each_approved_lever():
    rule = Approval()
    assert rule.check([("A", 1), ("D", 1), ("G", 1)], LEVERS) == {"A": 1, "D": 1, "G": 1}
    assert errors(rule, []) == ["Approuvez au moins un levier."]
    assert errors(rule, [("A", 2)]) == ["Une seule gommette par levier approuvé."]
    assert errors(rule, [("A", 1), ("A", 1)]) == [
        "Chaque levier ne peut être approuvé qu'une fois."
    ]


def test_rules_are_found_by_code():
    assert isinstance(rule_for("ranked"), RankedStickers)
    assert rule_for("dots", 9).dots == 9
    assert isinstance(rule_for("approval"), Approval)
    with pytest.raises(ValueError, match="unknown voting rule"):
        rule_for("borda")
    with pytest.raises(ValueError, match="positive"):
        StackableDots(0)
