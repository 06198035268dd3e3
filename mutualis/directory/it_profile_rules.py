"""The consistency rules of an IT profile, as one pure function every writer calls.

The form, the API serializer, the service (and so any import going through it) check the
declared values with ``check_it_profile``; the service refuses a profile with any error, so
that no caller can store a contradiction. The database holds the same rules as check
constraints (``ItProfile.Meta.constraints``), and migration 0004 fixed the rows written before.

Blocking rules (``check_it_profile``), each with the field it concerns:

- no DUI (``dui_status == "none"``) ⇒ no solution: neither one of the list nor "Autre solution
  (préciser)", and no other solution or editor name;
- a solution of the list carries its editor: the "other solution" names stay empty with it;
- the names of another solution are given only with the choice "Autre solution (préciser)",
  and that choice needs both the solution's name and its editor's name;
- equipment counts are whole numbers from 0 to ``MAX_DEVICES`` (10 000): an ESSMS with more
  workstations or mobile devices than that is a typing error.

Notices (``it_profile_notices``) flag what is allowed but incomplete, shown with the profile:

- a partial or deployed DUI without any solution: "Solution non renseignée" (a member may
  save what they know; the observatory counts its Ségur referencing as non évaluable);
- a deployed DUI with no workstation and no mobile device declared (both 0).

Deliberately not rules: the hosting mode without a DUI (it may describe the hosting planned
for the DUI to acquire), wifi without broadband and the reverse (both happen).
"""

from __future__ import annotations

from dataclasses import dataclass

NO_DUI = "none"
DEPLOYED = "deployed"
MAX_DEVICES = 10_000
COUNT_FIELDS = ("workstation_count", "mobile_device_count")
OTHER_NAME_FIELDS = ("other_solution_name", "other_editor_name")

NO_DUI_SOLUTION = (
    "Sans DUI, aucune solution ne peut être indiquée : retirez la solution ou indiquez "
    "l'état du DUI."
)
LISTED_AND_OTHER = (
    "La solution choisie dans la liste porte déjà son éditeur : laissez vides les champs "
    "« Autre solution »."
)
OTHER_NOT_CHOSEN = (
    "Choisissez « Autre solution (préciser) » pour indiquer une solution hors de la liste."
)
OTHER_SOLUTION_NAME_MISSING = "Précisez le nom de la solution."
OTHER_EDITOR_NAME_MISSING = "Précisez le nom de l'éditeur de la solution."
COUNT_NEGATIVE = "Le nombre ne peut pas être négatif."
COUNT_TOO_LARGE = f"Au plus {MAX_DEVICES:,} : vérifiez la saisie.".replace(",", " ")
SOLUTION_MISSING = "Solution non renseignée : indiquez la solution DUI utilisée."
NO_DEVICE = "DUI déployé sans aucun poste ni terminal déclaré : vérifiez l'équipement."


@dataclass(frozen=True)
class ItProfileValues:
    """What a profile declares, as the rules see it. ``other_solution``: the choice
    "Autre solution (préciser)" (the API and the stored profile express it by the names)."""

    dui_status: str = NO_DUI
    listed_solution: bool = False
    other_solution: bool = False
    other_solution_name: str = ""
    other_editor_name: str = ""
    workstation_count: int | None = None
    mobile_device_count: int | None = None

    @property
    def has_solution(self) -> bool:
        return self.listed_solution or self.other_solution


@dataclass(frozen=True)
class RuleError:
    """A broken rule, in French, on the field it concerns (a form or serializer field)."""

    field: str
    code: str
    message: str


def check_it_profile(values: ItProfileValues) -> list[RuleError]:
    """Every blocking inconsistency of ``values``; empty when the profile may be stored."""
    return _solution_errors(values) + _count_errors(values)


def it_profile_notices(values: ItProfileValues) -> list[RuleError]:
    """What is allowed but worth completing (never blocks a save)."""
    notices = []
    if values.dui_status != NO_DUI and not values.has_solution:
        notices.append(RuleError("solution", "solution_missing", SOLUTION_MISSING))
    if (
        values.dui_status == DEPLOYED
        and values.workstation_count == values.mobile_device_count == 0
    ):
        notices.append(RuleError("workstation_count", "no_device", NO_DEVICE))
    return notices


def errors_by_field(errors: list[RuleError]) -> dict[str, list[str]]:
    """``{field: [messages]}``, the shape of form and serializer errors."""
    grouped: dict[str, list[str]] = {}
    for error in errors:
        grouped.setdefault(error.field, []).append(error.message)
    return grouped


def _names(values: ItProfileValues) -> dict[str, str]:
    return {
        "other_solution_name": values.other_solution_name.strip(),
        "other_editor_name": values.other_editor_name.strip(),
    }


def _solution_errors(values: ItProfileValues) -> list[RuleError]:
    names = _names(values)
    if values.dui_status == NO_DUI and (values.has_solution or any(names.values())):
        return [RuleError("solution", "no_dui_solution", NO_DUI_SOLUTION)]
    if values.listed_solution:
        return [
            RuleError(field, "listed_and_other", LISTED_AND_OTHER)
            for field, name in names.items()
            if name
        ]
    if not values.other_solution:
        return [
            RuleError(field, "other_not_chosen", OTHER_NOT_CHOSEN)
            for field, name in names.items()
            if name
        ]
    errors = []
    if not names["other_solution_name"]:
        errors.append(
            RuleError("other_solution_name", "other_name_missing", OTHER_SOLUTION_NAME_MISSING)
        )
    if not names["other_editor_name"]:
        errors.append(
            RuleError("other_editor_name", "other_editor_missing", OTHER_EDITOR_NAME_MISSING)
        )
    return errors


def _count_errors(values: ItProfileValues) -> list[RuleError]:
    errors = []
    for field in COUNT_FIELDS:
        count = getattr(values, field)
        if count is not None and count < 0:
            errors.append(RuleError(field, "count_negative", COUNT_NEGATIVE))
        elif count is not None and count > MAX_DEVICES:
            errors.append(RuleError(field, "count_too_large", COUNT_TOO_LARGE))
    return errors
