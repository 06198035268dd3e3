"""The plan of a FINESS import: what it would add, change, move and close (finess_import)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mutualis.directory.import_scope import DepartementCoverage, Hold
from mutualis.finess.records import LineIssue


@dataclass
class ImportPlan:
    """What an import would do; ``rows`` holds the establishments to write."""

    rows: list[dict] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_managing_bodies: dict[str, dict] = field(default_factory=dict)
    managing_body_updates: dict[str, dict] = field(default_factory=dict)
    rejects: list[LineIssue] = field(default_factory=list)
    warnings: list[LineIssue] = field(default_factory=list)
    previous: dict[str, dict] = field(default_factory=dict)  # old values of changed and moved
    coverage: list[DepartementCoverage] = field(default_factory=list)
    covered: frozenset[str] = frozenset()  # départements where absence from the file closes
    hold: Hold = field(default_factory=Hold)

    @property
    def held(self) -> bool:
        """More closures or moves than the threshold: written only once confirmed."""
        return self.hold.held

    @property
    def held_reason(self) -> str:
        return self.hold.reason

    def _by_departement(self, numbers: list[str]) -> dict[str, int]:
        wanted = set(numbers)
        counts = Counter(row["departement_id"] for row in self.rows if row["finess"] in wanted)
        return dict(sorted(counts.items()))

    @property
    def closures_by_departement(self) -> dict[str, int]:
        return self._by_departement(self.closed)

    @property
    def moves_by_departement(self) -> dict[str, int]:
        return self._by_departement(self.moved)

    def counts(self) -> dict[str, int]:
        return {
            "ajoutés": len(self.added),
            "modifiés": len(self.changed),
            "déplacés": len(self.moved),
            "fermés": len(self.closed),
            "inchangés": self.unchanged,
            "rejetés": len(self.rejects),
            "avertissements": len(self.warnings),
            "organismes créés": len(self.new_managing_bodies),
            "organismes mis à jour": len(self.managing_body_updates),
        }
