"""Fields of the clause texts, filled from the grappe's data (pure: no ORM).

A clause may cite ``{{ field }}`` for any field of ``FIELDS``: the value comes from the
document context, never retyped. Only these names are replaced: a clause is text, not a
template, so it cannot reach anything else.
"""

from __future__ import annotations

import re

FIELD = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
FIELDS = {
    "grappe": "nom de la grappe",
    "programme": "programme",
    "campagne": "campagne",
    "porteur": "organisme porteur",
    "porteur_finess": "FINESS juridique du porteur",
    "nombre_membres": "nombre d'organismes membres",
    "organismes": "nombre d'organismes membres, avec « organisme(s) gestionnaire(s) »",
    "etablissements": "nombre d'ESSMS, avec « établissement(s) et service(s)… »",
    "nombre_essms": "nombre d'ESSMS",
    "montant_total": "montant total de la simulation de financement",
    "tranches": "tranches de versement",
    "date": "date de la version",
}


def unknown_fields(text: str) -> list[str]:
    """Names cited between double braces that are not fields, for a French error."""
    return sorted({name for name in FIELD.findall(text) if name not in FIELDS})


def fill(text: str, values: dict[str, str]) -> str:
    return FIELD.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a clause: blocks separated by a blank line, inner line breaks joined."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
