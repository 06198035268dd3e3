"""The pure rules of an import's territory: coverage per département, closures, hold."""

import datetime as dt

from mutualis.directory.import_scope import (
    DepartementCoverage,
    Hold,
    HoldPolicy,
    covered_departements,
    departement_coverage,
    open_in_territory,
    planned_closures,
)

FEB = dt.date(2026, 2, 1)


def test_coverage_counts_per_departement_what_the_directory_has_and_the_file_holds():
    directory = {"A1": "01", "A2": "01", "A3": "01", "B1": "69"}
    in_file = {"A1": "01", "A2": "01", "N1": "75"}
    assert departement_coverage(directory, in_file) == [
        DepartementCoverage("01", open_in_directory=3, present_in_file=2, lines_in_file=2),
        DepartementCoverage("69", open_in_directory=1, present_in_file=0, lines_in_file=0),
        DepartementCoverage("75", open_in_directory=0, present_in_file=0, lines_in_file=1),
    ]


def test_a_departement_is_covered_from_the_share_on_and_an_empty_one_by_any_line():
    assert DepartementCoverage("01", 10, 8, 8).is_covered(0.8)
    assert not DepartementCoverage("01", 10, 7, 30).is_covered(0.8)  # new lines do not count
    assert DepartementCoverage("75", 0, 0, 1).is_covered(0.8)
    assert not DepartementCoverage("75", 0, 0, 0).is_covered(0.8)
    coverage = [DepartementCoverage("01", 10, 9, 9), DepartementCoverage("69", 10, 1, 1)]
    assert covered_departements(coverage, 0.8) == {"01"}
    # The file's territory: covered départements and those it has lines in.
    assert open_in_territory(coverage, frozenset({"01"})) == 20
    assert open_in_territory([DepartementCoverage("13", 50, 0, 0)], frozenset()) == 0


def test_closures_are_the_marked_ones_and_the_missing_ones_of_covered_departements():
    directory = {"A1": "01", "A2": "01", "B1": "69", "B2": "69"}
    in_file = {"A1": "01", "B1": "69"}
    marked = {"B2": dt.date(2025, 12, 31), "A1": None, "X9": None}
    by_absence = planned_closures(
        directory, in_file, frozenset({"01"}), marked, FEB, by_absence=True
    )
    # A2 is missing from covered 01; B2 is marked closed; A1, listed open, stays open;
    # X9 is not in the directory.
    assert by_absence == {"A2": FEB, "B2": dt.date(2025, 12, 31)}
    marked_only = planned_closures(
        directory, in_file, frozenset({"01"}), {"A2": None}, FEB, by_absence=False
    )
    assert marked_only == {"A2": FEB}


def test_a_plan_is_held_beyond_the_share_of_its_territory_or_the_minimum():
    policy = HoldPolicy(share=0.01, minimum=20)
    assert policy.threshold(1000) == 20 and policy.threshold(48856) == 488
    assert not Hold.of(20, 20, 1000, policy).held
    closures = Hold.of(21, 3, 1000, policy)
    assert closures.held and closures.to_confirm == 21 and closures.what == "fermetures"
    assert closures.reason.startswith("Import retenu : 21 fermetures prévues, au-delà du seuil")
    assert "1\u202f000 ESSMS ouverts" in closures.reason
    moves = Hold.of(2, 30, 1000, policy)
    assert moves.held and moves.to_confirm == 30 and moves.what == "déplacements"
    assert "30 déplacements prévus" in moves.reason and "fermeture" not in moves.reason
    assert Hold.of(25, 30, 1000, policy).to_confirm == 25  # both: the closures are typed
    assert Hold.from_stored({**closures.stored(), "refused": "…"}) == closures
    assert closures.refusal(None) == (
        "Rien n'a été écrit : confirmation attendue pour 21 fermetures prévues."
    )
    assert "le nombre confirmé (20) ne correspond pas aux 21 fermetures prévues" in (
        closures.refusal(20)
    )
