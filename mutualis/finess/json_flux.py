"""Reader for the FINESS+ JSON flux "Structures" (data.gouv, schema v1).

The document is streamed with ijson: a first pass reads top-level keys only until
``pmej`` is met (and ``generatedAt`` if it comes first), then ``pmej.item`` entries are
built one at a time. Each ``pmej`` (legal person) gives a ``ManagingBodyRecord``, each of
its ``ege`` (sites) an ``EstablishmentRecord``. JSON has no lines: ``line`` holds the
1-based rank of the ``pmej`` entry, and ``progress`` counts ``pmej`` entries. Both passes
read through ``limits.JsonGuard`` (depth, token and entry sizes, see ``limits.py``).

Two published shapes are accepted (keys compared case-insensitively):
* the schema copied in ``shared/data/finess-json-flux`` (codes as ``{code, system}``,
  ``informationsGeneralesPmej``, ``dateDerniereMaj: {dateEvenement}``, no file date);
* the ANS example of 2026-03-09 (codes as plain strings, ``informationsGeneralesPMEJ``,
  ``categorieentiteGeographiqueExercice``, top-level ``generatedAt``).

Coordinates (``adresse[].coordonneesGeographique``): in the ANS example
``directionLatitude``/``directionLongitude`` are WGS84 decimal degrees, while
``coordonneeX``/``coordonneeY`` are Lambert-93 metres with the axes swapped (X holds the
northing). Degrees are used when present; otherwise a metropolitan Lambert-93 pair is
projected, whatever the axis order.

Closed structures (``dateFermeture`` set, or ``etatObjet`` "I" as in the ANS example)
are skipped and counted in ``closed``; a closed legal person is still emitted when one
of its sites is kept. With ``keep_category``, only legal persons with a kept site are
emitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, BinaryIO

import ijson

from mutualis.finess.etalab import not_a_finess, split_postal_line
from mutualis.finess.geo import to_wgs84
from mutualis.finess.limits import (
    DEFAULT_LIMITS,
    Holdings,
    JsonGuard,
    LimitExceeded,
    ReadLimits,
    bounded_items,
)
from mutualis.finess.limits import number as number_text
from mutualis.finess.numbers import has_valid_key, is_valid_format
from mutualis.finess.records import (
    EstablishmentRecord,
    FinessReadResult,
    LineIssue,
    ManagingBodyRecord,
)

PROGRESS_EVERY = 1_000


def _get(obj: Any, key: str) -> Any:
    """``obj[key]`` with a case-insensitive fallback; None when absent or not a dict."""
    if not isinstance(obj, dict):
        return None
    if key in obj:
        return obj[key]
    lowered = key.lower()
    return next((value for name, value in obj.items() if name.lower() == lowered), None)


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def code_value(value: Any) -> str:
    """A code given either as ``{"code": ..., "system": ...}`` or as a plain string."""
    return _text(value.get("code")) if isinstance(value, dict) else _text(value)


def _first(items: Any) -> Any:
    return items[0] if isinstance(items, list) and items else None


def _departement(cog_commune: str) -> str:
    if len(cog_commune) != 5:
        return ""
    return cog_commune[:3] if cog_commune[:2] in ("97", "98") else cog_commune[:2]


def _float(value: Any) -> float | None:
    if isinstance(value, int | float | Decimal):
        return float(value)
    try:
        return float(_text(value).replace(",", "."))
    except ValueError:
        return None


def scan_header(stream: BinaryIO, limits: ReadLimits = DEFAULT_LIMITS) -> dt.date | None:
    """Check that the top-level object has a ``pmej`` array; return ``generatedAt``."""
    guard = JsonGuard(stream, limits)
    events = ijson.parse(guard)
    file_date = None
    try:
        first = next(events, None)
        if first is None or first[1] != "start_map":
            raise not_a_finess("le document JSON n'est pas un objet")
        for prefix, event, value in events:
            if prefix == "generatedAt" and event == "string":
                file_date = _date_value(value)
            elif prefix == "" and event == "map_key" and value == "pmej":
                if next(events)[1] != "start_array":
                    raise not_a_finess("« pmej » n'est pas une liste")
                return file_date
    except ijson.JSONError as exc:
        raise not_a_finess("JSON invalide") from exc
    except LimitExceeded as exc:
        raise exc.at(f"{guard.where()} du document") from None
    raise not_a_finess("document JSON sans liste « pmej » (flux FINESS+ Structures)")


def _date_value(value: Any) -> dt.date | None:
    """Date from ``"YYYY-MM-DD..."`` or ``{"dateEvenement": ...}``; None if unreadable."""
    text = _text(_get(value, "dateEvenement") if isinstance(value, dict) else value)[:10]
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


class _JsonParser:
    def __init__(self, result: FinessReadResult, keep_category: Callable[[str], bool] | None):
        self.result = result
        self.keep_category = keep_category
        self.seen: set[str] = set()

    def issue(self, target: list[LineIssue], line: int, finess: str, reason: str) -> None:
        target.append(LineIssue(line, finess, reason))

    def date(self, line: int, finess: str, value: Any, label: str) -> dt.date | None:
        parsed = _date_value(value)
        raw = _text(_get(value, "dateEvenement") or value)
        if parsed is None and raw:
            reason = f"{label} illisible : « {raw} », ignorée"
            self.issue(self.result.warnings, line, finess, reason)
        return parsed

    def check_number(self, line: int, number: str, what: str = "", owner: str = "") -> bool:
        if not is_valid_format(number):
            reason = f"invalide : « {number} »" if number else "absent"
            self.issue(self.result.rejects, line, owner, f"Numéro FINESS {what}{reason}")
            return False
        if not has_valid_key(number):
            reason = f"Clé de contrôle FINESS {what}incorrecte : {number}"
            self.issue(self.result.warnings, line, owner or number, reason)
        return True

    def pmej(self, line: int, pmej: dict) -> None:
        info = _get(pmej, "informationsGeneralesPmej") or {}
        finess = _text(_get(info, "numFinessPm"))
        if not self.check_number(line, finess, "juridique "):
            sites = len(_get(pmej, "ege") or [])
            self.result.rejects[-1].reason += f" ({sites} établissement(s) ignoré(s))"
            return
        kept = [self.ege(line, finess, ege) for ege in _get(pmej, "ege") or []]
        if self.keep_category is not None and not any(kept):
            return
        if _is_closed(info, pmej) and not any(kept):
            self.result.closed += 1
            return
        address = _address(pmej)
        street = " ".join(
            _text(_get(address, key)) for key in ("numeroVoie", "typeVoie", "libelleVoie")
        )
        cog = _text(_get(address, "cogCommune"))
        postal, city = _postal_city(address)
        siren = _text(_get(info, "siren"))
        self.result.managing_bodies.append(
            ManagingBodyRecord(
                line=line,
                finess=finess,
                name=_text(_get(info, "denominationPm")),
                long_name=_text(_get(info, "denominationLonguePmSmsse")),
                siren=siren if len(siren) == 9 and siren.isdigit() else "",
                legal_status_code=code_value(_get(info, "statutJuridique")),
                street=" ".join(street.split()),
                commune_code=cog,
                departement_code=_departement(cog),
                postal_code=postal,
                city=city,
                updated_on=self.date(line, finess, _dernier_maj(info, pmej), "Date de mise à jour"),
            )
        )

    def ege(self, line: int, pm_finess: str, ege: dict) -> bool:
        """Build one site's record; True when it is kept."""
        info = _get(ege, "informationsGeneralesEGE") or {}
        finess = _text(_get(info, "numFinessEge"))
        category = code_value(_get(ege, "categorieEntiteGeographiqueExercice"))
        if not self.check_number(line, finess):
            return False
        if not category:
            self.issue(self.result.rejects, line, finess, "Catégorie d'établissement absente")
            return False
        if self.keep_category is not None and not self.keep_category(category):
            self.result.out_of_scope += 1
            return False
        if _is_closed(info, ege):
            self.result.closed += 1
            self.result.marked_closed[finess] = _date_value(_get(info, "dateFermeture"))
            return False
        if finess in self.seen:
            self.issue(self.result.rejects, line, finess, "Numéro FINESS en double")
            return False
        self.seen.add(finess)
        address = _address(ege)
        cog = _text(_get(address, "cogCommune"))
        postal, city = _postal_city(address)
        contact = _get(_first(_get(ege, "contact")), "telecom")
        record = EstablishmentRecord(
            line=line,
            finess=finess,
            managing_body_finess=pm_finess,
            name=_text(_get(info, "nomEgeCourt")) or _text(_get(info, "nomEgeLong")),
            long_name=_text(_get(info, "nomEgeLong")),
            name_complement=_text(_get(info, "complementDenominationEg")),
            distribution_complement=_text(_get(address, "complementPointGeographique")),
            street_number=_text(_get(address, "numeroVoie")),
            street_type=_text(_get(address, "typeVoie")),
            street_name=_text(_get(address, "libelleVoie")),
            street_complement=_text(_get(address, "complementVoie")),
            locality=_text(_get(address, "lieuDit")),
            commune_code=cog,
            departement_code=_departement(cog),
            postal_code=postal,
            city=city,
            phone=_text(_get(contact, "telephone")),
            category_code=category,
            siret=_text(_get(info, "siret")) or _text(_get(ege, "siret")),
            tariff_mode_code=code_value(_get(ege, "modeFixationTarifaire")),
            opened_on=self.date(line, finess, _get(info, "dateOuverture"), "Date d'ouverture"),
            authorized_on=self.date(
                line, finess, _get(info, "datePremiereAutorisation"), "Date d'autorisation"
            ),
            updated_on=self.date(line, finess, _dernier_maj(info, ege), "Date de mise à jour"),
        )
        self.locate(line, record, _get(address, "coordonneesGeographique"))
        self.result.establishments.append(record)
        return True

    def locate(self, line: int, record: EstablishmentRecord, geo: Any) -> None:
        if not isinstance(geo, dict):
            return
        degrees = _degrees(geo)
        if degrees is not None:
            record.latitude, record.longitude = degrees
            record.geo_source = "FINESS+ WGS84"
            return
        x, y = _float(_get(geo, "coordonneeX")), _float(_get(geo, "coordonneeY"))
        if x and y and len(record.departement_code) == 2:
            easting, northing = min(x, y), max(x, y)  # the ANS example swaps X and Y
            try:
                record.longitude, record.latitude = to_wgs84(easting, northing, 2154)
            except ValueError:
                pass
            else:
                record.geo_source = "FINESS+ EPSG:2154"
                return
        reason = "Coordonnées géographiques inutilisables, ignorées"
        self.issue(self.result.warnings, line, record.finess, reason)


def _degrees(geo: dict) -> tuple[float, float] | None:
    """``(lat, lon)`` from ``directionLatitude``/``directionLongitude`` when usable."""
    lat, lon = _float(_get(geo, "directionLatitude")), _float(_get(geo, "directionLongitude"))
    if lat is None or lon is None or not (lat or lon) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _address(obj: dict) -> Any:
    addresses = _get(obj, "adresse")
    if not isinstance(addresses, list):
        return None
    return next((a for a in addresses if _text(_get(a, "cogCommune"))), _first(addresses))


def _postal_city(address: Any) -> tuple[str, str]:
    postal = _text(_get(address, "codePostal"))
    line_postal, city = split_postal_line(_text(_get(address, "ligneAcheminement")))
    return postal or line_postal, city


def _dernier_maj(info: Any, obj: Any) -> Any:
    return _get(obj, "dateDerniereMaj") or _get(info, "dateDerniereMaj")


def _is_closed(info: Any, obj: Any) -> bool:
    return bool(_text(_get(info, "dateFermeture"))) or code_value(_get(obj, "etatObjet")) == "I"


def read_json_flux(
    stream: BinaryIO,
    keep_category: Callable[[str], bool] | None = None,
    progress: Callable[[int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> FinessReadResult:
    """Read a FINESS+ "Structures" JSON document from a seekable binary stream."""
    file_date = scan_header(stream, limits)
    stream.seek(0)
    result = FinessReadResult(kind="finess-plus-json", file_date=file_date)
    parser = _JsonParser(result, keep_category)
    holdings = Holdings(result, limits)
    count = 0
    try:
        for count, pmej in enumerate(bounded_items(stream, "pmej.item", limits), start=1):
            if isinstance(pmej, dict):
                parser.pmej(count, pmej)
            else:
                result.rejects.append(
                    LineIssue(count, "", "Entrée « pmej » qui n'est pas un objet")
                )
            holdings.check(f"entrée « pmej » n° {number_text(count)}")
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
    except ijson.JSONError as exc:
        raise not_a_finess(f"JSON invalide ou tronqué après l'entrée « pmej » n° {count}") from exc
    if progress is not None:
        progress(count)
    return result
