"""The pure rules of "dites-le nous une fois": what to pre-fill, what contradicts the profile."""

from mutualis.maturity.prefill import (
    IT_PROFILE,
    PREVIOUS,
    ItFacts,
    Proposal,
    contradictions,
    proposals,
)

CODES = ["1.1.1", "2.1.1", "2.1.2", "3.2.2", "3.3.1"]
LABELS = {code: [f"{code} palier {level}" for level in range(5)] for code in CODES}
LABELS["2.1.1"][0] = "Le dossier des usagers est tenu uniquement sur papier."


def test_previous_answers_are_proposed_when_they_agree_with_the_profile():
    facts = ItFacts(dui_status="deployed")

    found = proposals(CODES, {"1.1.1": 2, "2.1.1": 3}, facts)

    assert Proposal("1.1.1", 2, PREVIOUS) in found
    assert Proposal("2.1.1", 3, PREVIOUS) in found


def test_the_profile_replaces_a_previous_answer_it_contradicts():
    # Last year: paper records; since then the IT profile declares a deployed DUI.
    found = proposals(CODES, {"2.1.1": 0}, ItFacts(dui_status="deployed"))

    assert found == [Proposal("2.1.1", 3, IT_PROFILE)]


def test_the_profile_alone_fills_what_it_knows():
    facts = ItFacts(dui_status="none", hosting_mode="on_premise", has_wifi=False)

    found = {p.code: (p.level, p.source) for p in proposals(CODES, {}, facts)}

    assert found == {
        "2.1.1": (0, IT_PROFILE),
        "3.2.2": (0, IT_PROFILE),
        "3.3.1": (1, IT_PROFILE),
    }


def test_nothing_is_proposed_without_history_or_profile():
    assert proposals(CODES, {}, None) == []
    # An unknown Ségur status proposes nothing for the Ségur question (non évaluable).
    assert [p.code for p in proposals(CODES, {}, ItFacts(dui_status="deployed"))] == ["2.1.1"]


def test_a_deployed_dui_and_paper_records_are_flagged_in_french():
    found = contradictions({"2.1.1": 0}, LABELS, ItFacts(dui_status="deployed"))

    assert list(found) == ["2.1.1"]
    message = found["2.1.1"].message
    assert "un DUI déployé" in message
    assert "« Le dossier des usagers est tenu uniquement sur papier »" in message
    assert "profil SI" in message


def test_consistent_or_unanswered_answers_are_not_flagged():
    facts = ItFacts(dui_status="deployed", hosting_mode="external", has_wifi=True)

    assert contradictions({"2.1.1": 4, "3.3.1": 3, "3.2.2": None}, LABELS, facts) == {}
    assert contradictions({"2.1.1": 0}, LABELS, None) == {}
