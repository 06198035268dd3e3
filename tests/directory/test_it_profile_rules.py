"""The pure consistency rules of an IT profile (mutualis.directory.it_profile_rules)."""

import pytest

from mutualis.directory import it_profile_rules as rules
from mutualis.directory.it_profile_rules import ItProfileValues, check_it_profile


def codes(values: ItProfileValues) -> list[tuple[str, str]]:
    return [(error.field, error.code) for error in check_it_profile(values)]


@pytest.mark.parametrize(
    "values",
    [
        ItProfileValues(),
        ItProfileValues(dui_status="none", workstation_count=0, mobile_device_count=0),
        ItProfileValues(dui_status="deployed", listed_solution=True, workstation_count=10_000),
        ItProfileValues(
            dui_status="partial",
            other_solution=True,
            other_solution_name="Dossier Maison",
            other_editor_name="Éditeur Régional",
        ),
        ItProfileValues(dui_status="deployed"),  # allowed, flagged (see the notices)
    ],
)
def test_consistent_profiles_pass(values):
    assert check_it_profile(values) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (ItProfileValues(listed_solution=True), [("solution", "no_dui_solution")]),
        (ItProfileValues(other_solution=True), [("solution", "no_dui_solution")]),
        (ItProfileValues(other_editor_name="X"), [("solution", "no_dui_solution")]),
        (
            ItProfileValues(dui_status="deployed", listed_solution=True, other_solution_name="X"),
            [("other_solution_name", "listed_and_other")],
        ),
        (
            ItProfileValues(dui_status="deployed", other_solution_name="X", other_editor_name="Y"),
            [
                ("other_solution_name", "other_not_chosen"),
                ("other_editor_name", "other_not_chosen"),
            ],
        ),
        (
            ItProfileValues(dui_status="partial", other_solution=True, other_editor_name="Y"),
            [("other_solution_name", "other_name_missing")],
        ),
        (
            ItProfileValues(dui_status="partial", other_solution=True, other_solution_name="X"),
            [("other_editor_name", "other_editor_missing")],
        ),
        (
            ItProfileValues(
                dui_status="partial",
                other_solution=True,
                other_solution_name="  ",
                other_editor_name="\t",
            ),
            [
                ("other_solution_name", "other_name_missing"),
                ("other_editor_name", "other_editor_missing"),
            ],
        ),
        (
            ItProfileValues(workstation_count=-1, mobile_device_count=10_001),
            [
                ("workstation_count", "count_negative"),
                ("mobile_device_count", "count_too_large"),
            ],
        ),
    ],
)
def test_each_contradiction_is_named_on_its_field(values, expected):
    assert codes(values) == expected


def test_messages_are_french_sentences():
    errors = check_it_profile(
        ItProfileValues(dui_status="partial", other_solution=True, mobile_device_count=20_000)
    )
    assert [e.message for e in errors] == [
        "Précisez le nom de la solution.",
        "Précisez le nom de l'éditeur de la solution.",
        "Au plus 10 000 : vérifiez la saisie.",
    ]
    assert rules.errors_by_field(errors) == {
        "other_solution_name": ["Précisez le nom de la solution."],
        "other_editor_name": ["Précisez le nom de l'éditeur de la solution."],
        "mobile_device_count": ["Au plus 10 000 : vérifiez la saisie."],
    }


def test_notices_flag_what_is_allowed_but_incomplete():
    notices = rules.it_profile_notices(
        ItProfileValues(dui_status="deployed", workstation_count=0, mobile_device_count=0)
    )
    assert [(n.field, n.message) for n in notices] == [
        ("solution", "Solution non renseignée : indiquez la solution DUI utilisée."),
        (
            "workstation_count",
            "DUI déployé sans aucun poste ni terminal déclaré : vérifiez l'équipement.",
        ),
    ]
    assert rules.it_profile_notices(ItProfileValues(dui_status="none")) == []
    assert (
        rules.it_profile_notices(
            ItProfileValues(dui_status="partial", listed_solution=True, workstation_count=0)
        )
        == []
    )
