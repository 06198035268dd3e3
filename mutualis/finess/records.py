"""Typed records produced by the FINESS readers, consumed by the directory loader.

Readers never touch the database: they turn a file into these records, and report each
line they cannot use as a ``LineIssue`` (rejects) or accept with a ``LineIssue`` warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class NotAFinessFile(ValueError):
    """The file is not a FINESS file at all: nothing must be written."""


# A reason quotes the value at fault: long values are cut so that issues stay small.
MAX_REASON_CHARS = 300


@dataclass(slots=True)
class LineIssue:
    line: int
    finess: str
    reason: str  # French, shown to users

    def __post_init__(self) -> None:
        if len(self.reason) > MAX_REASON_CHARS:
            self.reason = self.reason[: MAX_REASON_CHARS - 1] + "…"


@dataclass(slots=True)
class EstablishmentRecord:
    line: int
    finess: str
    managing_body_finess: str
    name: str
    long_name: str = ""
    name_complement: str = ""
    distribution_complement: str = ""
    street_number: str = ""
    street_type: str = ""
    street_name: str = ""
    street_complement: str = ""
    locality: str = ""
    commune_code: str = ""  # INSEE code, 5 characters ("01451", "2A004", "97105"), "" if unknown
    departement_code: str = ""  # COG code: "01", "2A", "971"
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    category_code: str = ""
    aggregate_code: str = ""  # level-3 aggregate (categagretab)
    siret: str = ""
    ape_code: str = ""
    tariff_mode_code: str = ""
    opened_on: dt.date | None = None
    authorized_on: dt.date | None = None
    updated_on: dt.date | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_source: str = ""


@dataclass(slots=True)
class ManagingBodyRecord:
    line: int
    finess: str
    name: str
    long_name: str = ""
    siren: str = ""
    legal_status_code: str = ""
    street: str = ""
    commune_code: str = ""
    departement_code: str = ""
    postal_code: str = ""
    city: str = ""
    updated_on: dt.date | None = None


@dataclass
class FinessReadResult:
    kind: str  # "etalab-establishments", "etalab-legal-entities", "finess-plus-json"
    file_date: dt.date | None
    establishments: list[EstablishmentRecord] = field(default_factory=list)
    managing_bodies: list[ManagingBodyRecord] = field(default_factory=list)
    rejects: list[LineIssue] = field(default_factory=list)
    warnings: list[LineIssue] = field(default_factory=list)
    out_of_scope: int = 0  # establishments dropped by the ``keep_category`` filter
    closed: int = 0  # closed structures skipped (FINESS+ JSON only: etalab lists open ones)
    # FINESS+ JSON only: establishments of the category scope the file marks closed (etatObjet
    # "I" or dateFermeture), FINESS ET number → closing date (None when only etatObjet says so).
    marked_closed: dict[str, dt.date | None] = field(default_factory=dict)
