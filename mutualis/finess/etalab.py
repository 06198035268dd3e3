"""Reader for the legacy etalab FINESS extracts.

Layout (domain.md §2.2): a header line ``finess;etalab;<n>;<YYYY-MM-DD>``, then data lines
whose first field names the record type:

* ``structureet`` (32 fields, cs1100502 / cs1100507), followed in cs1100507 by
  ``geolocalisation`` lines (6 fields) -> kind ``etalab-establishments``;
* ``structureej`` (cs1100501, legal entities) -> kind ``etalab-legal-entities``.

``structureej`` layout used here (23 fields, no trailing empty field):
structureej; nofiness; rs; rslongue; complrs; numvoie; typvoie; voie; compvoie;
compldistrib; lieuditbp; commune; ligneacheminement; departement; libdepartement;
telephone; statutjuridique; libstatutjuridique; categetab; libcategetab; siren; codeape;
datecrea.
Source and reliability: the field list and order of the official etalab XSD as transcribed
in GitHub ``GuillaumePressiat/finess_etalab`` (``format_etalabcs1100501.csv``), matching
the column lists of two independent 2026 readers of the data.gouv file. Weak (third-party
transcriptions, no official file at hand): a 24th field is tolerated when empty, any
other field count is rejected line by line.

Lines are read one by one within ``ReadLimits`` (line length, field count and size,
records and issues held), decoded (UTF-8, falling back to Windows-1252) and split on
``;`` with CSV quoting.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from mutualis.finess.geo import epsg_for_departement, epsg_from_source, to_wgs84
from mutualis.finess.limits import (
    DEFAULT_LIMITS,
    Holdings,
    LimitExceeded,
    ReadLimits,
    size,
)
from mutualis.finess.limits import number as number_text
from mutualis.finess.numbers import has_valid_key, is_valid_format
from mutualis.finess.records import (
    EstablishmentRecord,
    FinessReadResult,
    LineIssue,
    ManagingBodyRecord,
    NotAFinessFile,
)

ET_FIELDS = 32
EJ_FIELDS = 23
PROGRESS_EVERY = 10_000
SKIPPED_KEY = 16

FINESS_TO_COG_DEPARTEMENT = {
    "9A": "971",
    "9B": "972",
    "9C": "973",
    "9D": "974",
    "9E": "975",
    "9F": "976",
    "9J": "986",
}
KNOWN_DEPARTEMENTS = frozenset(
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", *FINESS_TO_COG_DEPARTEMENT]
)
_POSTAL_RE = re.compile(r"(\d{5})\s*(.*)")
_COMMUNE_RE = re.compile(r"\d{3}")
_SIREN_RE = re.compile(r"\d{9}")


def not_a_finess(detail: str) -> NotAFinessFile:
    return NotAFinessFile(f"Ce fichier n'est pas un fichier FINESS reconnu : {detail}.")


def cog_departement(finess_code: str) -> str:
    """COG département code for a FINESS one (``9A`` -> ``971``; others unchanged)."""
    return FINESS_TO_COG_DEPARTEMENT.get(finess_code, finess_code)


def insee_commune(cog_dep: str, commune: str) -> str:
    """INSEE commune code from a COG département and the 3-digit FINESS commune."""
    if not commune:
        return ""
    # Overseas (971..976, 986): the 3 digits already start with the département digit.
    return (cog_dep[:2] if len(cog_dep) == 3 else cog_dep) + commune


def split_postal_line(text: str) -> tuple[str, str]:
    """``"01440 VIRIAT"`` -> ``("01440", "VIRIAT")``; no leading postcode -> ``("", text)``."""
    match = _POSTAL_RE.fullmatch(text.strip())
    if match:
        return match.group(1), match.group(2).strip()
    return "", text.strip()


def parse_iso_date(text: str) -> dt.date | None:
    """Empty -> None; ``YYYY-MM-DD`` -> date; anything else raises ``ValueError``."""
    text = text.strip()
    if not text:
        return None
    if len(text) != 10:
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _unquote_twice(value: str) -> str:
    # The 2021 reconstructed extract quotes some names twice: after CSV parsing the value
    # still reads '"LIEU DE VIE ""X"""'. Undo the second quoting only in that exact shape.
    inner = value[1:-1]
    if inner.replace('""', "").count('"') == 0 and '""' in inner:
        return inner.replace('""', '"')
    return value


def split_fields(text: str) -> list[str]:
    if '"' not in text:
        return [field.strip() for field in text.split(";")]
    try:
        fields = next(csv.reader([text], delimiter=";"))
    except csv.Error:  # a stray carriage return, a quoted field over csv's size limit
        return [field.strip() for field in text.split(";")]
    return [
        _unquote_twice(field) if len(field) > 2 and field[0] == field[-1] == '"' else field
        for field in (raw.strip() for raw in fields)
    ]


def _read_line(stream: BinaryIO, number: int, limits: ReadLimits) -> bytes:
    """The next line (b"" at the end), never more than ``max_line_bytes`` of it."""
    try:
        raw = stream.readline(limits.max_line_bytes + 1)
    except LimitExceeded as exc:  # the decompressed size of an archive
        raise exc.at(f"ligne {number}") from None
    if len(raw) > limits.max_line_bytes:
        raise LimitExceeded(f"ligne de plus de {size(limits.max_line_bytes)}", f"ligne {number}")
    return raw


def _check_fields(fields: list[str], text: str, number: int, limits: ReadLimits) -> None:
    if len(fields) > limits.max_fields:
        raise LimitExceeded(f"plus de {limits.max_fields} champs", f"ligne {number}")
    if len(text) <= limits.max_field_chars:
        return
    for rank, field in enumerate(fields, start=1):
        if len(field) > limits.max_field_chars:
            what = f"champ n° {rank} de plus de {number_text(limits.max_field_chars)} caractères"
            raise LimitExceeded(what, f"ligne {number}")


def iter_lines(
    stream: BinaryIO, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(physical line number, fields)`` for every non-blank line."""
    number = 1
    while raw := _read_line(stream, number, limits):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        text = text.rstrip("\r\n")
        if number == 1:
            text = text.lstrip("\ufeff")
        if text.strip():
            fields = split_fields(text)
            _check_fields(fields, text, number, limits)
            yield number, fields
        number += 1


class _Parser:
    """Shared state of a reader: result, issues, string pool and date cache."""

    def __init__(self, result: FinessReadResult) -> None:
        self.result = result
        self._pool: dict[str, str] = {}
        self._dates: dict[str, dt.date | None] = {}

    def shared(self, value: str) -> str:
        """Intern repetitive values (codes, cities, dates' text) to keep memory low."""
        return self._pool.setdefault(value, value)

    def reject(self, line: int, finess: str, reason: str) -> None:
        self.result.rejects.append(LineIssue(line, finess, reason))

    def warn(self, line: int, finess: str, reason: str) -> None:
        self.result.warnings.append(LineIssue(line, finess, reason))

    def date(self, line: int, finess: str, text: str, label: str) -> dt.date | None:
        if text in self._dates:
            return self._dates[text]
        try:
            value = parse_iso_date(text)
        except ValueError:
            self.warn(line, finess, f"{label} illisible : « {text} », ignorée")
            return None
        self._dates[text] = value
        return value

    def commune(self, line: int, finess: str, cog_dep: str, commune: str) -> str:
        if commune and not _COMMUNE_RE.fullmatch(commune):
            self.warn(line, finess, f"Code commune illisible : « {commune} », ignoré")
            return ""
        return self.shared(insee_commune(cog_dep, commune))

    def departement(self, line: int, finess: str, code: str) -> str:
        """COG département; a bare "97" (seen in the 2021 file) is read off the number."""
        if code in KNOWN_DEPARTEMENTS:
            return self.shared(cog_departement(code))
        if code == "97" and finess[:3] == "970" and finess[3] in "12345":
            deduced = "97" + finess[3]
            self.warn(line, finess, f"Département « 97 » incomplet, déduit du numéro : {deduced}")
            return self.shared(deduced)
        self.warn(line, finess, f"Département inconnu : « {code} »")
        return self.shared(code)

    def check_number(self, line: int, number: str, what: str = "", owner: str = "") -> bool:
        """Reject a badly formed number (returns False); warn on a wrong Luhn key.

        ``what`` qualifies the number in messages ("juridique "), ``owner`` is the FINESS
        the issue is filed under (the establishment when checking its legal entity).
        """
        if not number:
            self.reject(line, owner, f"Numéro FINESS {what}absent")
            return False
        if not is_valid_format(number):
            self.reject(line, owner, f"Numéro FINESS {what}invalide : « {number} »")
            return False
        if not has_valid_key(number):
            self.warn(line, owner or number, f"Clé de contrôle FINESS {what}incorrecte : {number}")
        return True

    def arity(self, line: int, fields: list[str], expected: int) -> bool:
        if len(fields) == expected:
            return True
        readable = fields[1] if len(fields) > 1 and is_valid_format(fields[1]) else ""
        self.reject(line, readable, f"{len(fields)} champs au lieu de {expected}")
        return False


class _EstablishmentParser(_Parser):
    def __init__(self, result: FinessReadResult, keep_category: Callable[[str], bool] | None):
        super().__init__(result)
        self.keep_category = keep_category
        self.by_finess: dict[str, EstablishmentRecord] = {}
        # Out of scope or rejected: their geolocation is ignored. Numbers are kept cut to
        # SKIPPED_KEY characters (a long one from a hostile file would stay in memory).
        self.skipped: set[str] = set()

    def feed(self, line: int, fields: list[str]) -> None:
        kind = fields[0]
        if kind == "structureet":
            self.establishment(line, fields)
        elif kind == "geolocalisation":
            self.geolocation(line, fields)
        else:
            self.reject(line, "", f"Type de ligne inattendu : « {kind[:40]} »")

    def establishment(self, line: int, f: list[str]) -> None:
        if not self.arity(line, f, ET_FIELDS):
            if len(f) > 1:
                self.skipped.add(f[1][:SKIPPED_KEY])
            return
        finess, category = f[1], f[18]
        if not category:
            readable = finess if is_valid_format(finess) else ""
            self.reject(line, readable, "Catégorie d'établissement absente")
            self.skipped.add(finess[:SKIPPED_KEY])
            return
        if self.keep_category is not None and not self.keep_category(category):
            self.result.out_of_scope += 1
            self.skipped.add(finess[:SKIPPED_KEY])
            return
        if not self.check_number(line, finess):
            return
        if finess in self.by_finess:
            first = self.by_finess[finess].line
            self.reject(line, finess, f"Numéro FINESS en double (déjà lu ligne {first})")
            return
        if not self.check_number(line, f[2], "juridique ", owner=finess):
            self.skipped.add(finess[:SKIPPED_KEY])
            return
        dep = self.departement(line, finess, f[13])
        postal, city = split_postal_line(f[15])
        record = EstablishmentRecord(
            line=line,
            finess=finess,
            managing_body_finess=self.shared(f[2]),
            name=f[3],
            long_name=f[4],
            name_complement=f[5],
            distribution_complement=f[6],
            street_number=f[7],
            street_type=self.shared(f[8]),
            street_name=f[9],
            street_complement=self.shared(f[10]),
            locality=f[11],
            commune_code=self.commune(line, finess, dep, f[12]),
            departement_code=dep,
            postal_code=self.shared(postal),
            city=self.shared(city),
            phone=f[16],
            category_code=self.shared(category),
            aggregate_code=self.shared(f[20]),
            siret=f[22],
            ape_code=self.shared(f[23]),
            tariff_mode_code=self.shared(f[24]),
            opened_on=self.date(line, finess, f[28], "Date d'ouverture"),
            authorized_on=self.date(line, finess, f[29], "Date d'autorisation"),
            updated_on=self.date(line, finess, f[30], "Date de mise à jour"),
        )
        self.by_finess[finess] = record
        self.result.establishments.append(record)

    def geolocation(self, line: int, f: list[str]) -> None:
        finess = f[1] if len(f) > 1 else ""
        record = self.by_finess.get(finess)
        if record is None:
            if finess[:SKIPPED_KEY] not in self.skipped:
                readable = finess if is_valid_format(finess) else ""
                self.warn(line, readable, "Géolocalisation d'un établissement absent du fichier")
            return
        if len(f) < 5:
            self.warn(line, finess, f"Géolocalisation incomplète : {len(f)} champs au lieu de 6")
            return
        # Defensive: a stray ';' inside sourcecoordet would add fields before datemaj.
        source = ";".join(f[4:-1]) if len(f) > 6 else f[4]
        try:
            x, y = float(f[2].replace(",", ".")), float(f[3].replace(",", "."))
        except ValueError:
            self.warn(line, finess, f"Coordonnées illisibles : « {f[2]} » ; « {f[3]} »")
            return
        epsg = epsg_from_source(source)
        if epsg is None:
            self.warn(line, finess, f"Système de coordonnées non indiqué : « {source} »")
            return
        if x == 0 and y == 0:
            self.warn(line, finess, "Coordonnées nulles, ignorées")
            return
        local = epsg_for_departement(epsg, record.departement_code)
        if local != epsg:
            self.warn(
                line,
                finess,
                f"Coordonnées déclarées en Lambert-93 pour le département "
                f"{record.departement_code} : lues en EPSG:{local}",
            )
            epsg = local
        try:
            record.longitude, record.latitude = to_wgs84(x, y, epsg)
        except ValueError:
            self.warn(line, finess, f"Coordonnées non projetables ({x} ; {y}, EPSG:{epsg})")
            return
        record.geo_source = self.shared(source)


class _LegalEntityParser(_Parser):
    def __init__(self, result: FinessReadResult) -> None:
        super().__init__(result)
        self.seen: dict[str, int] = {}

    def feed(self, line: int, f: list[str]) -> None:
        if f[0] != "structureej":
            self.reject(line, "", f"Type de ligne inattendu : « {f[0][:40]} »")
            return
        if len(f) == EJ_FIELDS + 1 and not f[-1]:
            f = f[:-1]
        if not self.arity(line, f, EJ_FIELDS) or not self.check_number(line, f[1]):
            return
        finess = f[1]
        if finess in self.seen:
            first = self.seen[finess]
            self.reject(line, finess, f"Numéro FINESS en double (déjà lu ligne {first})")
            return
        self.seen[finess] = line
        siren = f[20]
        if siren and not _SIREN_RE.fullmatch(siren):
            self.warn(line, finess, f"SIREN invalide : « {siren} », ignoré")
            siren = ""
        dep = self.departement(line, finess, f[13])
        postal, city = split_postal_line(f[12])
        street = " ".join(part for part in (f[5], f[8], f[6], f[7]) if part) or f[10]
        self.result.managing_bodies.append(
            ManagingBodyRecord(
                line=line,
                finess=finess,
                name=f[2],
                long_name=f[3],
                siren=siren,
                legal_status_code=self.shared(f[16]),
                street=street,
                commune_code=self.commune(line, finess, dep, f[11]),
                departement_code=dep,
                postal_code=self.shared(postal),
                city=self.shared(city),
            )
        )


def read_etalab(
    stream: BinaryIO,
    keep_category: Callable[[str], bool] | None = None,
    progress: Callable[[int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> FinessReadResult:
    """Read an etalab extract from a binary stream (see the module docstring)."""
    lines = iter_lines(stream, limits)
    header = next(lines, None)
    if header is None:
        raise not_a_finess("le fichier est vide")
    fields = header[1]
    if [field.lower() for field in fields[:2]] != ["finess", "etalab"]:
        raise not_a_finess("la première ligne n'est pas l'en-tête « finess;etalab;… »")
    try:
        file_date = parse_iso_date(fields[3]) if len(fields) > 3 else None
    except ValueError:
        file_date = None
    first = next(lines, None)
    if first is None:
        raise not_a_finess("aucune ligne de données après l'en-tête")
    kind = first[1][0]
    parser: _EstablishmentParser | _LegalEntityParser
    if kind == "structureet":
        result = FinessReadResult(kind="etalab-establishments", file_date=file_date)
        parser = _EstablishmentParser(result, keep_category)
    elif kind == "structureej":
        result = FinessReadResult(kind="etalab-legal-entities", file_date=file_date)
        parser = _LegalEntityParser(result)
    else:
        raise not_a_finess(f"type de ligne « {kind[:40]} » non pris en charge")
    number, next_progress, entries = first[0], PROGRESS_EVERY, 0
    holdings = Holdings(result, limits)
    for number, fields in itertools.chain([first], lines):
        entries += fields[0] != "geolocalisation"
        parser.feed(number, fields)
        holdings.check(f"ligne {number}", read=entries)
        if progress is not None and number >= next_progress:
            progress(number)
            next_progress = number + PROGRESS_EVERY
    if progress is not None:
        progress(number)
    return result
