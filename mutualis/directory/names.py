"""How a managing body is named on every page, export, document and e-mail (pure, no ORM).

Precedence: the legal name from FINESS (cs1100501 or FINESS+ ``pmej``), then the usual name
declared by the organisation, then a label built only from facts the directory holds
("Organisme n° 750808511 — 689 ESSMS, surtout à Paris (75)"): "siège" only when the seat is
known from the legal-entity address, otherwise where its establishments are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from mutualis.core.text import count_label, normalize
from mutualis.finess.numbers import FINESS_PATTERN

USUAL_NAME_MAX_LENGTH = 150
USUAL_NAME_MIN_LENGTH = 2
# A FINESS number typed with spaces or dots ("750 808 511", "75.080.851.1").
_NUMBER_SEPARATORS = re.compile(r"[\s.]+")
_NUMBER_START = re.compile(r"[0-9][0-9AB]?[0-9]*", re.IGNORECASE)
_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Z])([0-9][0-9AB][0-9]{7})(?![0-9A-Z])", re.IGNORECASE)


@dataclass(frozen=True)
class NameFacts:
    """What the directory stores about a managing body to name it."""

    finess: str
    name: str = ""
    name_is_placeholder: bool = True
    usual_name: str = ""
    establishment_count: int = 0
    seat_city: str = ""  # the legal entity's commune: known only with the legal-entity file
    seat_departement: str = ""
    main_city: str = ""  # the commune holding most of its open establishments
    main_city_count: int = 0
    main_departement: str = ""


def place(city: str, departement: str) -> str:
    """ "Lyon (69)", or the city alone when the département is unknown."""
    return f"{city} ({departement})" if departement and city else city


def fact_label(facts: NameFacts) -> str:
    """A readable label for a body whose name is unknown, made of true facts only."""
    count = facts.establishment_count
    essms = count_label(count, "ESSMS", "ESSMS") if count else "aucun ESSMS ouvert"
    if facts.seat_city:
        where = f", siège à {place(facts.seat_city, facts.seat_departement)}"
    elif not count or not facts.main_city:
        where = ""
    elif count > 1 and facts.main_city_count < 2:
        where = ", dans plusieurs communes"  # naming one of them would be arbitrary
    else:
        main = place(facts.main_city, facts.main_departement)
        if facts.main_city_count >= count:
            where = f" à {main}"
        elif 2 * facts.main_city_count >= count:
            where = f", surtout à {main}"
        else:
            where = f", dont {count_label(facts.main_city_count, '', '').strip()} à {main}"
    return f"Organisme n° {facts.finess} — {essms}{where}"


def official_name(facts: NameFacts) -> str:
    return "" if facts.name_is_placeholder else facts.name


def display_name(facts: NameFacts) -> str:
    """The name shown everywhere: the FINESS legal name, else the usual name, else facts."""
    return official_name(facts) or facts.usual_name or fact_label(facts)


def search_text(facts: NameFacts) -> str:
    """The normalised words a body is found by: names, FINESS number, seat and main commune."""
    words = (
        official_name(facts),
        facts.usual_name,
        facts.finess,
        facts.seat_city,
        facts.main_city,
    )
    return normalize(" ".join(w for w in words if w))


def clean_usual_name(value: str) -> str:
    """The usual name as typed, trimmed and with single spaces; ValueError with the French
    reason when it cannot be kept (control characters, length)."""
    if any(unicodedata.category(c) in ("Cc", "Cf") and not c.isspace() for c in value):
        raise ValueError("Le nom d'usage ne doit pas contenir de caractère de contrôle.")
    if any(c.isspace() and c not in " \t" for c in value):
        raise ValueError("Le nom d'usage doit tenir sur une seule ligne.")
    text = " ".join(value.split())
    if text and len(text) < USUAL_NAME_MIN_LENGTH:
        raise ValueError(
            f"Le nom d'usage doit compter au moins {USUAL_NAME_MIN_LENGTH} caractères."
        )
    if len(text) > USUAL_NAME_MAX_LENGTH:
        raise ValueError(
            f"Le nom d'usage ne doit pas dépasser {USUAL_NAME_MAX_LENGTH} caractères "
            f"(il en compte {len(text)})."
        )
    return text


def compact_number(query: str) -> str:
    """The query without spaces and dots, upper-cased: "750 808 511" gives "750808511"."""
    return _NUMBER_SEPARATORS.sub("", query or "").upper()


def finess_number(query: str) -> str | None:
    """The FINESS number a query stands for: the whole query once compacted, or one number
    written inside it ("Association Alpha (010000024)"); None otherwise."""
    number = compact_number(query)
    if FINESS_PATTERN.fullmatch(number):
        return number
    found = {m.upper() for m in _NUMBER_IN_TEXT.findall(query or "")}
    return found.pop() if len(found) == 1 else None


def number_prefix(query: str) -> str | None:
    """The start of a FINESS number being typed ("7508", "2A 00"), or None for words."""
    number = compact_number(query)
    if 2 <= len(number) < 9 and _NUMBER_START.fullmatch(number):
        return number
    return None
