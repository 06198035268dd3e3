"""French plurals, elisions and contractions of the generated text."""

import pytest

from mutualis.agreements.wording import a, count, de


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 organisme"), (1, "1 organisme"), (2, "2 organismes"), (1500, "1\u202f500 organismes")],
)
def test_count_uses_the_french_singular_up_to_one(number, expected):
    assert count(number, "organisme", "organismes") == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("l'organisme", "de l'organisme"),
        ("L'Association", "de l'Association"),
        ("la Fondation du Puy", "de la Fondation du Puy"),
        ("le porteur", "du porteur"),
        ("les membres", "des membres"),
        ("Association des Volcans", "d'Association des Volcans"),
        ("Éveil", "d'Éveil"),
        ("Fondation du Puy", "de Fondation du Puy"),
        ("Hauteville", "de Hauteville"),
        ("  organisme ", "d'organisme"),
    ],
)
def test_de_elides_and_contracts(phrase, expected):
    assert de(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("le porteur", "au porteur"),
        ("les membres", "aux membres"),
        ("la grappe", "à la grappe"),
        ("l'organisme", "à l'organisme"),
        ("Association des Volcans", "à Association des Volcans"),
    ],
)
def test_a_contracts(phrase, expected):
    assert a(phrase) == expected
