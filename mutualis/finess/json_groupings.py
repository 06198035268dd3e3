"""Reader for the groupings of the FINESS+ JSON flux "Structures" (``gco`` and ``gcc``).

``gco`` entries are groupings with a legal personality (GCSMS, GCS, GIE, GIP…): each one is
itself a legal person of ``pmej``, named by its ``pm_smsseId``. ``gcc`` entries are
contractual groupings, with their own id, name and type. Members are listed in
``pmejDuGco``/``pmejDuGcc`` (legal persons, by ``pm_smsseId``) and ``egeDuGco``/``egeDuGCC``
(sites, by ``egeId``), each with its ``typeRoleEntiteGroupe``.

Members are named by the flux's internal ids, not by FINESS numbers (in the ANS example of
2026-03-09, ``pmSmsseId`` "2" is the legal person 010000156), so one streamed pass reads both
the groupings (``gco.item``/``gcc.item``, or a single object as the copied schema declares
them) and, from ``pmej``, only the ids, FINESS numbers, names, statuses and closure marks
needed to resolve them. Keys are compared case-insensitively and without underscores
(``pm_smsseId`` and ``pmSmsseId``); codes may be ``{code, system}`` pairs or plain strings.
A member or a grouping that cannot be resolved is reported as a warning, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from mutualis.finess.etalab import not_a_finess
from mutualis.finess.json_flux import code_value
from mutualis.finess.limits import DEFAULT_LIMITS, JsonGuard, ReadLimits
from mutualis.finess.numbers import is_valid_format
from mutualis.finess.readers import open_binary
from mutualis.finess.records import LineIssue

GCO, GCC = "gco", "gcc"
PMEJ, EGE = "pmej", "ege"
_PM_FIELDS = {"pmsmsseid", "numfinesspm", "denominationpm", "statutjuridique", "typegroupegco"}
_PM_CLOSURE = {"datefermeture", "etatobjet"}
_EGE_FIELDS = {"egeid", "numfinessege"}
_INACTIVE = {"false", "0", "n", "non", "i", "inactif"}


@dataclass(slots=True, frozen=True)
class GroupingMemberRecord:
    finess: str
    kind: str  # PMEJ (legal person) or EGE (site)
    role_code: str


@dataclass(slots=True)
class GroupingRecord:
    source: str  # GCO or GCC
    source_id: str  # pm_smsseId of a gco, gccId of a gcc
    finess: str  # "" when the grouping has no FINESS number
    name: str
    kind_code: str  # typeGCO / typeGroupeGco, or typeGcc
    legal_status_code: str
    members: list[GroupingMemberRecord] = field(default_factory=list)


@dataclass
class GroupingsReadResult:
    present: bool = False  # the document has a ``gco`` or ``gcc`` key
    groupings: list[GroupingRecord] = field(default_factory=list)
    skipped: int = 0  # closed or inactive groupings
    warnings: list[LineIssue] = field(default_factory=list)


def _norm(key: str) -> str:
    return key.lower().replace("_", "")


def _get(obj: Any, key: str) -> Any:
    """Value of ``key`` in a dict, compared with ``_norm``; None when absent."""
    if not isinstance(obj, dict):
        return None
    wanted = _norm(key)
    return next((value for name, value in obj.items() if _norm(name) == wanted), None)


def _action(prefix: str) -> tuple[str, str] | None:
    """What a scalar at ``prefix`` is for: ("pm", field), ("ege", field) or None."""
    parts = [_norm(part) for part in prefix.split(".")]
    if len(parts) < 3 or parts[:2] != ["pmej", "item"]:
        return None
    general = parts[2] == "informationsgeneralespmej"
    if general and (len(parts) == 4 or (len(parts) == 5 and parts[4] == "code")):
        return ("pm", parts[3]) if parts[3] in _PM_FIELDS | _PM_CLOSURE else None
    if len(parts) in (3, 4) and parts[2] == "etatobjet" and parts[-1] in ("etatobjet", "code"):
        return ("pm", "etatobjet")
    if len(parts) == 6 and parts[2:5] == ["ege", "item", "informationsgeneralesege"]:
        return ("ege", parts[5]) if parts[5] in _EGE_FIELDS else None
    return None


_UNKNOWN = object()


def _role(prefix: str) -> str | tuple[str, str] | None:
    """What the events at ``prefix`` are for (computed once per distinct prefix)."""
    if prefix == "":
        return "top"
    if prefix.removesuffix(".item") in (GCO, GCC):
        return prefix.removesuffix(".item")
    if prefix == "pmej.item":
        return "person"
    if prefix == "pmej.item.ege.item":
        return "site"
    return _action(prefix)


class _Pass:
    """One streamed pass: grouping objects built whole, legal persons and sites indexed."""

    def __init__(self) -> None:
        self.present = False
        self.raw: list[tuple[str, dict]] = []
        self.legal_persons: dict[str, dict[str, str]] = {}
        self.sites: dict[str, str] = {}
        self._roles: dict[str, object] = {}

    def run(self, events: Iterable[tuple[str, str, Any]]) -> None:
        builder: Any = None
        built_at, built_source = "", ""
        person: dict[str, str] = {}
        site: dict[str, str] = {}
        roles = self._roles
        for prefix, event, value in events:
            if builder is not None:
                builder.event(event, value)
                if prefix == built_at and event == "end_map":
                    self.raw.append((built_source, builder.value))
                    builder = None
                continue
            role = roles.get(prefix, _UNKNOWN)
            if role is _UNKNOWN:
                role = roles[prefix] = _role(prefix)
            if role is None:  # most events: the rest of each legal person
                continue
            if isinstance(role, tuple):
                if event in ("string", "number"):
                    (person if role[0] == "pm" else site)[role[1]] = str(value).strip()
            elif role == "top":
                self.present |= event == "map_key" and _norm(value) in (GCO, GCC)
            elif role in (GCO, GCC):
                if event == "start_map":
                    builder, built_at, built_source = ijson.ObjectBuilder(), prefix, role
                    builder.event(event, value)
            elif event == "end_map" and role == "person":
                self._keep_person(person)
                person = {}
            elif event == "end_map" and role == "site":
                if site.get("egeid") and is_valid_format(site.get("numfinessege", "")):
                    self.sites[site["egeid"]] = site["numfinessege"]
                site = {}

    def _keep_person(self, person: dict[str, str]) -> None:
        if person.get("pmsmsseid") and is_valid_format(person.get("numfinesspm", "")):
            self.legal_persons[person["pmsmsseid"]] = person


def _is_closed(person: dict[str, str]) -> bool:
    return bool(person.get("datefermeture")) or person.get("etatobjet") == "I"


class _Resolver:
    def __init__(self, scan: _Pass, result: GroupingsReadResult) -> None:
        self.scan = scan
        self.result = result

    def warn(self, rank: int, finess: str, reason: str) -> None:
        self.result.warnings.append(LineIssue(rank, finess, reason))

    def grouping(self, rank: int, source: str, raw: dict) -> GroupingRecord | None:
        if source == GCO:
            source_id = code_value(_get(raw, "pm_smsseId"))
            person = self.scan.legal_persons.get(source_id)
            if person is None:
                reason = f"Groupement « {source_id} » : personne morale absente ou sans n° FINESS"
                self.warn(rank, "", reason)
                return None
            if _is_closed(person):
                self.result.skipped += 1
                return None
            return GroupingRecord(
                source=GCO,
                source_id=source_id,
                finess=person["numfinesspm"],
                name=person.get("denominationpm", ""),
                kind_code=code_value(_get(raw, "typeGCO")) or person.get("typegroupegco", ""),
                legal_status_code=person.get("statutjuridique", ""),
            )
        if code_value(_get(raw, "etatActif")).lower() in _INACTIVE:
            self.result.skipped += 1
            return None
        external = code_value(_get(raw, "gccIdentifiantExterne"))
        return GroupingRecord(
            source=GCC,
            source_id=code_value(_get(raw, "gccId")),
            finess=external if is_valid_format(external) else "",
            name=code_value(_get(raw, "nomGcc")),
            kind_code=code_value(_get(raw, "typeGcc")),
            legal_status_code="",
        )

    def members(self, rank: int, grouping: GroupingRecord, raw: dict) -> None:
        seen: set[tuple[str, str]] = set()
        for kind, key, id_key in (
            (PMEJ, f"pmejDu{grouping.source}", "pm_smsseId"),
            (EGE, f"egeDu{grouping.source}", "egeId"),
        ):
            for item in _get(raw, key) or []:
                member_id = code_value(_get(item, id_key))
                finess = self._finess(kind, member_id)
                if finess is None:
                    what = "personne morale" if kind == PMEJ else "établissement"
                    reason = f"Membre {what} « {member_id} » introuvable ou sans n° FINESS valide"
                    self.warn(rank, grouping.finess, reason)
                    continue
                if (kind, finess) in seen:
                    continue
                seen.add((kind, finess))
                role = code_value(_get(item, "typeRoleEntiteGroupe"))
                grouping.members.append(GroupingMemberRecord(finess, kind, role))

    def _finess(self, kind: str, member_id: str) -> str | None:
        if kind == PMEJ:
            person = self.scan.legal_persons.get(member_id)
            return person["numfinesspm"] if person else None
        return self.scan.sites.get(member_id)


def read_groupings(stream: BinaryIO, limits: ReadLimits = DEFAULT_LIMITS) -> GroupingsReadResult:
    """Read the groupings of a FINESS+ "Structures" document (binary stream), within the
    JSON limits (depth, token and entry sizes: ``LimitExceeded``)."""
    scan = _Pass()
    try:
        scan.run(ijson.parse(JsonGuard(stream, limits)))
    except ijson.JSONError as exc:
        raise not_a_finess("JSON invalide ou tronqué") from exc
    result = GroupingsReadResult(present=scan.present)
    resolver = _Resolver(scan, result)
    seen: set[tuple[str, str]] = set()
    for rank, (source, raw) in enumerate(scan.raw, start=1):
        if not raw:  # the schema's empty object
            continue
        grouping = resolver.grouping(rank, source, raw)
        if grouping is None:
            continue
        if not grouping.source_id or (source, grouping.source_id) in seen:
            resolver.warn(rank, grouping.finess, "Groupement sans identifiant ou en double")
            continue
        seen.add((source, grouping.source_id))
        resolver.members(rank, grouping, raw)
        result.groupings.append(grouping)
    return result


def read_groupings_file(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> GroupingsReadResult:
    """``read_groupings`` on a plain or gzip file."""
    with open_binary(Path(path), limits) as stream:
        return read_groupings(stream, limits)
