"""Which territory a FINESS file may close by absence, and when its plan is held.

Pure (no ORM): ``finess_import.plan_import`` feeds these functions with what it read and
what the directory holds, so that tests call them directly.

- Coverage: a département is covered when the file holds at least ``share`` (80 % by
  default) of the open ESSMS the directory has there, in the import's category scope; a
  département where the directory has none is covered by any line of the file. Only inside
  covered départements does an establishment missing from the file count as closed: a
  regional extract closes nothing elsewhere, a head or a sample of the national file closes
  nothing at all.
- Hold: a plan closing or moving more than ``max(minimum, share × open ESSMS of the
  file's territory)`` establishments is held until someone confirms the count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields

from mutualis.core.text import count_label


@dataclass(frozen=True, slots=True)
class DepartementCoverage:
    departement: str
    open_in_directory: int  # open ESSMS of the category scope the directory has there
    present_in_file: int  # how many of those the file holds
    lines_in_file: int  # establishments of the file located there

    def is_covered(self, share: float) -> bool:
        if self.open_in_directory == 0:
            return self.lines_in_file > 0
        return self.present_in_file >= share * self.open_in_directory


def departement_coverage(
    directory_open: Mapping[str, str], in_file: Mapping[str, str]
) -> list[DepartementCoverage]:
    """Coverage of each département the directory or the file has establishments in.

    ``directory_open``: FINESS → département of the directory's open ESSMS of the scope;
    ``in_file``: FINESS → département of the establishments the file holds.
    """
    open_counts = Counter(directory_open.values())
    present = Counter(dep for finess, dep in directory_open.items() if finess in in_file)
    lines = Counter(in_file.values())
    return [
        DepartementCoverage(code, open_counts[code], present[code], lines[code])
        for code in sorted(open_counts.keys() | lines.keys())
    ]


def covered_departements(coverage: Iterable[DepartementCoverage], share: float) -> frozenset[str]:
    return frozenset(c.departement for c in coverage if c.is_covered(share))


def planned_closures(
    directory_open: Mapping[str, str],
    in_file: Mapping[str, str],
    covered: frozenset[str],
    marked: Mapping[str, dt.date | None],
    closing_date: dt.date,
    *,
    by_absence: bool,
) -> dict[str, dt.date]:
    """FINESS → closing date of the open ESSMS to close: those the file marks closed (at
    the date it gives, else ``closing_date``) and, ``by_absence``, those missing from the
    file in a covered département. An establishment the file also lists open stays open."""
    closures = {}
    for finess, departement in directory_open.items():
        if finess in in_file:
            continue
        if finess in marked:
            closures[finess] = marked[finess] or closing_date
        elif by_absence and departement in covered:
            closures[finess] = closing_date
    return closures


def open_in_territory(coverage: Iterable[DepartementCoverage], covered: frozenset[str]) -> int:
    """Open ESSMS of the file's territory: the départements it covers or has lines in."""
    return sum(c.open_in_directory for c in coverage if c.departement in covered or c.lines_in_file)


@dataclass(frozen=True, slots=True)
class HoldPolicy:
    share: float = 0.01
    minimum: int = 20

    def threshold(self, open_in_scope: int) -> int:
        return max(self.minimum, math.floor(self.share * open_in_scope))


@dataclass(frozen=True, slots=True)
class Hold:
    """The planned closures and moves against the threshold of the file's territory."""

    closures: int = 0
    moves: int = 0
    threshold: int = 0
    open_in_scope: int = 0

    @classmethod
    def of(cls, closures: int, moves: int, open_in_scope: int, policy: HoldPolicy) -> Hold:
        return cls(closures, moves, policy.threshold(open_in_scope), open_in_scope)

    @classmethod
    def from_stored(cls, values: Mapping) -> Hold:
        """The hold saved on an ImportRun (``stored``), extra keys ignored."""
        return cls(**{f.name: values.get(f.name, 0) for f in fields(cls)})

    def stored(self) -> dict:
        return {
            **asdict(self),
            "to_confirm": self.to_confirm,
            "what": self.what,
            "reason": self.reason,
        }

    @property
    def held(self) -> bool:
        return self.closures > self.threshold or self.moves > self.threshold

    @property
    def confirms_closures(self) -> bool:
        """What the confirmation counts: the closures, or the moves when only they exceed."""
        return self.closures > self.threshold or self.moves <= self.threshold

    @property
    def to_confirm(self) -> int:
        """The number to type (or to pass as ``allowed_closures``) to write a held plan."""
        return self.closures if self.confirms_closures else self.moves

    @property
    def what(self) -> str:
        """ "fermetures" or "déplacements": the French name of what is confirmed."""
        return "fermetures" if self.confirms_closures else "déplacements"

    @property
    def reason(self) -> str:
        """Why the plan is held, in French ("" when it is not)."""
        if not self.held:
            return ""
        planned = [
            count_label(n, one, many)
            for n, one, many in (
                (self.closures, "fermeture prévue", "fermetures prévues"),
                (self.moves, "déplacement prévu", "déplacements prévus"),
            )
            if n > self.threshold
        ]
        return (
            f"Import retenu : {' et '.join(planned)}, au-delà du seuil de "
            f"{count_label(self.threshold, 'établissement', 'établissements')} "
            f"(sur {count_label(self.open_in_scope, 'ESSMS ouvert', 'ESSMS ouverts')} "
            "dans le territoire du fichier). Vérifiez la liste, puis confirmez en saisissant "
            f"le nombre de {self.what}."
        )

    def planned(self) -> str:
        """ "1 200 fermetures prévues" or "35 déplacements prévus": what is confirmed."""
        if self.confirms_closures:
            return count_label(self.closures, "fermeture prévue", "fermetures prévues")
        return count_label(self.moves, "déplacement prévu", "déplacements prévus")

    def refusal(self, allowed: int | None) -> str:
        """Why a held plan was not written with ``allowed`` confirmed, in French."""
        if allowed is None:
            return f"Rien n'a été écrit : confirmation attendue pour {self.planned()}."
        return (
            f"Rien n'a été écrit : le nombre confirmé ({allowed}) ne correspond pas aux "
            f"{self.planned()} au moment de l'écriture. Vérifiez la liste et confirmez de nouveau."
        )
