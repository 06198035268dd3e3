"""A member's ESSMS in a grappe, changed in bulk: include, remove, or set the situation, the
DUI solution or the hosting of a selection of its establishments, whatever their number.

``plan`` is pure: from the selection, the change asked and the member's current choices, it
says what would be added, updated and removed (the confirmation page and the live check read
it). ``apply_change`` plans again inside one transaction, under a lock on the member, and
writes the plan in a few queries (never one per ESSMS), with its audit row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mutualis.core import audit, bulk
from mutualis.core.text import count_label
from mutualis.directory.models import Solution
from mutualis.finess.numbers import is_valid_format
from mutualis.grappes import selectors
from mutualis.grappes.eligibility import Eligibility
from mutualis.grappes.models import GrappeEstablishment, GrappeMember
from mutualis.grappes.perms import can_edit_member

INCLUDE, REMOVE, SITUATION, SOLUTION, HOSTING = (
    "inclure",
    "retirer",
    "situation",
    "solution",
    "hebergement",
)
ACTIONS = {
    INCLUDE: "Inclure dans la grappe",
    REMOVE: "Retirer de la grappe",
    SITUATION: "Fixer la situation",
    SOLUTION: "Fixer la solution DUI",
    HOSTING: "Fixer l'hébergement",
}
# Which ESSMS a change is about.
PAGE, MATCHING, LISTED = "page", "filtres", "liste"
# Above this many ESSMS changed, the member confirms before anything is written.
CONFIRM_ABOVE = 50

_LIST_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Choice:
    """What a member chose for one of its ESSMS in the grappe."""

    situation: str = ""
    solution_id: int | None = None
    hosting: str = ""


@dataclass(frozen=True)
class Change:
    """A bulk change: the action and the values it sets (blank: not set)."""

    action: str
    situation: str = ""
    solution_id: int | None = None
    hosting: str = ""

    def values(self) -> Choice:
        return Choice(self.situation, self.solution_id, self.hosting)


@dataclass
class Plan:
    """What a change does to the selected ESSMS (establishment ids)."""

    action: str
    added: dict[int, Choice] = field(default_factory=dict)
    updated: dict[int, Choice] = field(default_factory=dict)
    removed: list[int] = field(default_factory=list)
    unchanged: int = 0  # selected, already as asked
    outside: int = 0  # selected, not in the grappe: a value cannot be set on them

    @property
    def touched(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed)

    @property
    def needs_confirmation(self) -> bool:
        return self.touched > CONFIRM_ABOVE

    def summary(self) -> list[str]:
        """The plan in French, one line per kind of change, for messages and confirmation."""
        lines = []
        if self.added:
            lines.append(count_label(len(self.added), "ESSMS ajouté", "ESSMS ajoutés"))
        if self.updated:
            lines.append(count_label(len(self.updated), "ESSMS modifié", "ESSMS modifiés"))
        if self.removed:
            lines.append(count_label(len(self.removed), "ESSMS retiré", "ESSMS retirés"))
        if self.unchanged:
            lines.append(f"{count_label(self.unchanged, 'ESSMS', 'ESSMS')} déjà à jour")
        if self.outside:
            lines.append(
                count_label(self.outside, "ESSMS ignoré", "ESSMS ignorés") + " : pas dans la grappe"
            )
        return lines or ["Aucun ESSMS sélectionné"]


def _merged(current: Choice, values: Choice) -> Choice:
    """``current`` with the values that are set in ``values``."""
    return Choice(
        values.situation or current.situation,
        values.solution_id if values.solution_id is not None else current.solution_id,
        values.hosting or current.hosting,
    )


def _set(current: Choice, change: Change) -> Choice:
    if change.action == SITUATION:
        return replace(current, situation=change.situation)
    if change.action == SOLUTION:
        return replace(current, solution_id=change.solution_id)
    return replace(current, hosting=change.hosting)


def plan(change: Change, selected: Iterable[int], current: Mapping[int, Choice]) -> Plan:
    """What ``change`` does to the ``selected`` establishments, given the member's
    ``current`` choices (establishment id -> choice). Including adds the ESSMS not in the
    grappe with the values given and sets those values on the others; setting a value
    (which may be blank, to clear it) touches only the ESSMS already in the grappe."""
    if change.action not in ACTIONS:
        raise ValueError(f"unknown action {change.action!r}")
    result = Plan(change.action)
    for pk in dict.fromkeys(selected):
        before = current.get(pk)
        if change.action == INCLUDE:
            if before is None:
                result.added[pk] = change.values()
                continue
            after = _merged(before, change.values())
        elif before is None:
            result.outside += 1
            continue
        elif change.action == REMOVE:
            result.removed.append(pk)
            continue
        else:
            after = _set(before, change)
        if after == before:
            result.unchanged += 1
        else:
            result.updated[pk] = after
    return result


def after(current: Mapping[int, Choice], plan_: Plan) -> dict[int, Choice]:
    """The member's choices once ``plan_`` is written."""
    removed = set(plan_.removed)
    return {
        **{pk: choice for pk, choice in current.items() if pk not in removed},
        **plan_.updated,
        **plan_.added,
    }


@dataclass(frozen=True)
class Issue:
    """One failed rule and the ESSMS it fails, so that 689 ESSMS lacking the same value
    read as one line."""

    message: str
    source: str
    unknown: bool  # non évaluable
    finess: tuple[str, ...]


def issues(result: Eligibility) -> list[Issue]:
    """The ESSMS-level failures of an eligibility, grouped by rule, the most frequent first."""
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    for bucket in (result.essms, result.undetermined):
        for finess, failures in bucket.items():
            for failure in failures:
                key = (failure.message, failure.source, failure.unknown)
                grouped.setdefault(key, []).append(finess)
    return sorted(
        (Issue(*key, tuple(sorted(numbers))) for key, numbers in grouped.items()),
        key=lambda issue: (-len(issue.finess), issue.message),
    )


def verdict(result: Eligibility) -> Eligibility:
    """The grappe-level part of an eligibility (its ESSMS-level failures go to ``issues``)."""
    return replace(result, essms={}, undetermined={})


def parse_finess_list(text: str) -> list[str]:
    """The numbers of a pasted list, separated by spaces, commas, semicolons or new lines,
    upper-cased, in order, each once."""
    return [n for n in dict.fromkeys(_LIST_SEPARATORS.split((text or "").upper())) if n]


def unknown_numbers(numbers: Iterable[str], known: Mapping[str, int]) -> list[str]:
    """The numbers of the list that are not FINESS ET numbers of ``known`` (the member's
    open ESSMS, number -> id): malformed, unknown or of another organisation."""
    return [n for n in numbers if not is_valid_format(n) or n not in known]


# Reads and writes.


def current_choices(member: GrappeMember) -> dict[int, Choice]:
    """The member's choices in its grappe: establishment id -> choice (one query)."""
    rows = member.establishments.values_list(
        "establishment_id", "situation", "solution_id", "hosting_mode"
    )
    return {pk: Choice(situation, solution, hosting) for pk, situation, solution, hosting in rows}


def solutions_named(ids: Iterable[int]) -> dict[int, str]:
    """The names of the solutions ``ids`` as pages show them (one query)."""
    return {
        pk: str(solution)
        for pk, solution in Solution.objects.select_related("editor").in_bulk(list(ids)).items()
    }


def in_other_grappes(member: GrappeMember, ids: Iterable[int]) -> set[int]:
    """The establishments among ``ids`` already in another grappe of the member's grappe's
    campaign and programme (one query)."""
    return set(
        selectors.in_other_grappes(member.grappe, ids).values_list("establishment_id", flat=True)
    )


def plan_change(member: GrappeMember, change: Change, selected: Iterable[int]) -> Plan:
    return plan(change, selected, current_choices(member))


def preview(member: GrappeMember, plan_: Plan) -> list[GrappeEstablishment]:
    """The grappe's active entries as they would be once ``plan_`` is written (unsaved, for
    the live eligibility check): the other members' as stored, this member's after."""
    grappe = member.grappe
    stored = selectors.active_entries(grappe)
    others = [e for e in stored if e.member_id != member.pk]
    mine = {e.establishment_id: e for e in stored if e.member_id == member.pk}
    choices = after(
        {pk: Choice(e.situation, e.solution_id, e.hosting_mode) for pk, e in mine.items()},
        plan_,
    )
    missing = set(choices) - set(mine)
    establishments = {
        e.pk: e
        for e in member.managing_body.establishments.filter(pk__in=missing).select_related(
            "category__aggregate", "managing_body"
        )
    }
    solution_ids = {c.solution_id for c in choices.values() if c.solution_id is not None}
    solutions = Solution.objects.select_related("editor").in_bulk(list(solution_ids))
    return others + [
        GrappeEstablishment(
            grappe=grappe,
            member=member,
            establishment=mine[pk].establishment if pk in mine else establishments[pk],
            situation=choice.situation,
            solution=solutions.get(choice.solution_id),
            hosting_mode=choice.hosting,
        )
        for pk, choice in choices.items()
        if pk in mine or pk in establishments
    ]


@transaction.atomic
def apply_change(
    actor,
    member: GrappeMember,
    change: Change,
    selected: Iterable[int],
    confirmed: int | None = None,
) -> Plan:
    """Write ``change`` on the ``selected`` open establishments of the member, in one
    transaction. Above ``CONFIRM_ABOVE`` ESSMS changed, ``confirmed`` must be the number of
    ESSMS the member confirmed: if the plan changed since, nothing is written."""
    member = (
        GrappeMember.objects.select_for_update()
        .select_related("grappe", "managing_body")
        .get(pk=member.pk)
    )
    if not can_edit_member(actor, member):
        raise PermissionDenied
    selected = list(dict.fromkeys(selected))
    own = set(
        member.managing_body.establishments.filter(is_closed=False, pk__in=selected).values_list(
            "pk", flat=True
        )
    )
    if len(own) != len(selected):
        raise ValidationError("Un établissement choisi n'appartient pas à votre organisme.")
    result = plan_change(member, change, selected)
    if result.needs_confirmation and confirmed != result.touched:
        raise ValidationError(
            f"Le changement porte maintenant sur {result.touched} ESSMS et non sur "
            f"{confirmed or 0} : rien n'a été écrit, vérifiez-le et confirmez de nouveau."
        )
    taken = selectors.establishments_in_other_grappes(member.grappe, result.added)
    if taken:
        shown = sorted(taken)
        more = f" et {len(shown) - 10} autres" if len(shown) > 10 else ""
        raise ValidationError(
            "Déjà dans une autre grappe de la campagne : " + ", ".join(shown[:10]) + more + ". "
            "Rien n'a été enregistré : filtrez sur les ESSMS disponibles."
        )
    _write(member, result)
    audit.record(
        actor,
        "grappe.entries",
        member.grappe,
        {
            "managing_body": member.managing_body.finess,
            "action": change.action,
            "added": len(result.added),
            "updated": len(result.updated),
            "removed": len(result.removed),
        },
    )
    return result


def _write(member: GrappeMember, plan_: Plan) -> None:
    if plan_.removed:
        member.establishments.filter(establishment_id__in=plan_.removed).delete()
    if plan_.updated:
        ids = dict(
            member.establishments.filter(establishment_id__in=list(plan_.updated)).values_list(
                "establishment_id", "pk"
            )
        )
        bulk.update(
            GrappeEstablishment,
            [
                {
                    "id": ids[pk],
                    "situation": choice.situation,
                    "solution_id": choice.solution_id,
                    "hosting_mode": choice.hosting,
                }
                for pk, choice in plan_.updated.items()
            ],
            ["situation", "solution_id", "hosting_mode"],
        )
    GrappeEstablishment.objects.bulk_create(
        GrappeEstablishment(
            grappe_id=member.grappe_id,
            member=member,
            establishment_id=pk,
            situation=choice.situation,
            solution_id=choice.solution_id,
            hosting_mode=choice.hosting,
        )
        for pk, choice in plan_.added.items()
    )
