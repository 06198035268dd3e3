"""What a member's survey needs and maturity paliers suggest for one item (pure)."""

from mutualis.specifications.prefill import Suggestion, codes, suggest

INDISPENSABLE_MATURITY = Suggestion("indispensable", "maturity")
WISHED_SURVEY = Suggestion("souhaite", "survey")


def test_codes_are_split_on_plus_and_blanks_dropped():
    assert codes(" dui + gestion+") == ["dui", "gestion"]
    assert codes("") == []


def test_a_low_palier_on_one_indicator_makes_it_indispensable():
    assert suggest("dui", "2.1.1+7.1.2", set(), {"2.1.1": 3, "7.1.2": 1}) == (
        INDISPENSABLE_MATURITY
    )
    assert suggest("", "2.1.1", set(), {"2.1.1": 0}) == INDISPENSABLE_MATURITY


def test_the_diagnostic_wins_over_the_survey():
    assert suggest("dui", "2.1.1", {"dui"}, {"2.1.1": 0}) == INDISPENSABLE_MATURITY


def test_a_need_in_one_of_its_domains_makes_it_wished():
    assert suggest("gestion+dui", "2.1.1", {"dui"}, {"2.1.1": 2}) == WISHED_SURVEY
    assert suggest("dui", "", {"dui", "securite"}, {}) == WISHED_SURVEY


def test_nothing_is_suggested_without_evidence():
    # Palier 2 or more, an unanswered indicator (None or absent), a need elsewhere.
    assert suggest("dui", "2.1.1", {"securite"}, {"2.1.1": 2}) is None
    assert suggest("dui", "2.1.1+7.1.2", set(), {"2.1.1": None}) is None
    # Items a member added carry no codes.
    assert suggest("", "", {"dui"}, {"2.1.1": 0}) is None
