"""Spelling suggestions from the vocabulary of names and communes (pure functions)."""

from mutualis.directory.spelling import correction, suggestion, vocabulary

WORDS = vocabulary(
    [
        "EHPAD LES TILLEULS PENNE D AGENAIS",
        "EHPAD STE MARIE ETAGNAC",
        "EHPAD LES JARDINS MARSEILLE",
        "EPDA TRUC MARSEILLAN",
        "SESSAD AUTISME SOLIDARITE PARIS",
        "SESSAD AUTISME TED REMIRE MONTJOLY",
        "FRPA CHAVANELLE ST ETIENNE",
    ]
)


def test_vocabulary_counts_words():
    assert WORDS["EHPAD"] == 3 and WORDS["MARSEILLE"] == 1 and WORDS["ST"] == 1


def test_one_edit_typos_are_corrected_to_the_most_frequent_word():
    assert correction("EHPDA", WORDS) == "EHPAD"  # swapped letters; EPDA is rarer
    assert correction("MARSEILE", WORDS) == "MARSEILLE"  # missing letter
    assert correction("TILLEUILS", WORDS) == "TILLEULS"  # extra letter
    assert correction("AUTIZME", WORDS) == "AUTISME"  # wrong letter


def test_farther_typos_fall_back_on_close_words():
    assert correction("CHAVANNELE", WORDS) == "CHAVANELLE"


def test_known_short_numeric_and_unrelated_words_are_left_alone():
    assert correction("EHPAD", WORDS) is None
    assert correction("STE", WORDS) is None
    assert correction("IMEE", WORDS) is None  # nothing close
    assert correction("1234", WORDS) is None
    assert correction("XYZ", WORDS) is None


def test_suggestion_corrects_every_misspelt_word_or_says_none():
    assert suggestion("EHPDA LES TILEULS", WORDS) == "EHPAD LES TILLEULS"
    assert suggestion("SESAD AUTISME", WORDS) == "SESSAD AUTISME"
    assert suggestion("EHPAD LES TILLEULS", WORDS) is None
    assert suggestion("", WORDS) is None
