"""Read and load a maturity referential from its CSV file (format in data/SOURCE.md).

Reading is pure and reports every problem with its line number; loading writes a new
``ReferentialVersion`` in one transaction, or nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from mutualis.maturity.models import (
    LEVELS,
    Dimension,
    Indicator,
    ReferentialVersion,
    ServiceSocle,
    Theme,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
PALIER_COLUMNS = [f"palier_{level}" for level in LEVELS]
COLUMNS = [
    "dimension_code",
    "dimension_label",
    "theme_code",
    "theme_label",
    "indicator_code",
    "question",
    "is_socle",
    "service_socle",
    *PALIER_COLUMNS,
]
YES_NO = {"oui": True, "non": False}


class ReferentialFileError(ValueError):
    """The file cannot be loaded; ``errors`` lists every problem, in French, by line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ParsedReferential:
    dimensions: dict[str, str] = field(default_factory=dict)  # code -> label
    themes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (dim, label)
    indicators: list[dict] = field(default_factory=list)


def read_referential(text: str) -> ParsedReferential:
    """Parse the CSV text of a referential; raise ReferentialFileError listing every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = reader.fieldnames or []
    except csv.Error:
        raise ReferentialFileError([_unreadable(reader.line_num + 1)]) from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ReferentialFileError([f"Ligne 1 : colonnes manquantes : {', '.join(missing)}."])
    parsed, errors, seen = ParsedReferential(), [], set()
    for row in _rows(reader, errors):
        line = reader.line_num
        problems = _row_problems(row, parsed, seen)
        errors.extend(f"Ligne {line} : {problem}" for problem in problems)
        if not problems:
            _add(parsed, row)
    if not parsed.indicators and not errors:
        errors.append("Le fichier ne contient aucun indicateur.")
    if errors:
        raise ReferentialFileError(errors)
    return parsed


def _unreadable(line: int) -> str:
    limit = csv.field_size_limit() // 1024
    return (
        f"Ligne {line} : illisible : un champ dépasse {limit} Kio ou un guillemet n'est pas "
        "refermé. La lecture s'arrête à cette ligne."
    )


def _rows(reader: csv.DictReader, errors: list[str]):
    """The rows of ``reader``; a line csv cannot read (a field over csv's size limit) ends the
    reading with its line number in ``errors``."""
    try:
        yield from reader
    except csv.Error:
        errors.append(_unreadable(reader.line_num + 1))


def _row_problems(row: dict, parsed: ParsedReferential, seen: set[str]) -> list[str]:
    if None in row or any(row.get(c) is None for c in COLUMNS):
        return [f"{len(COLUMNS)} colonnes attendues."]
    row.update({key: (value or "").strip() for key, value in row.items()})
    problems = [f"la colonne {c} est vide." for c in COLUMNS[:6] if not row[c]]
    if problems:
        return problems
    dimension, theme, code = row["dimension_code"], row["theme_code"], row["indicator_code"]
    if not theme.startswith(f"{dimension}."):
        problems.append(f"le thème {theme} n'appartient pas à la dimension {dimension}.")
    if not code.startswith(f"{theme}."):
        problems.append(f"l'indicateur {code} n'appartient pas au thème {theme}.")
    if parsed.dimensions.get(dimension, row["dimension_label"]) != row["dimension_label"]:
        problems.append(f"libellé différent pour la dimension {dimension}.")
    if parsed.themes.get(theme, (dimension, row["theme_label"])) != (
        dimension,
        row["theme_label"],
    ):
        problems.append(f"libellé ou dimension différents pour le thème {theme}.")
    if code in seen:
        problems.append(f"l'indicateur {code} est en double.")
    seen.add(code)
    if row["is_socle"].lower() not in YES_NO:
        problems.append("is_socle doit valoir « oui » ou « non ».")
    if row["service_socle"] and row["service_socle"] not in ServiceSocle.values:
        problems.append(
            f"service_socle inconnu « {row['service_socle']} » "
            f"(attendu : vide ou {', '.join(ServiceSocle.values)})."
        )
    problems.extend(
        f"le libellé du {c.replace('_', ' ')} est vide." for c in PALIER_COLUMNS if not row[c]
    )
    return problems


def _add(parsed: ParsedReferential, row: dict) -> None:
    parsed.dimensions.setdefault(row["dimension_code"], row["dimension_label"])
    parsed.themes.setdefault(row["theme_code"], (row["dimension_code"], row["theme_label"]))
    parsed.indicators.append(
        {
            "theme": row["theme_code"],
            "code": row["indicator_code"],
            "question": row["question"],
            "is_socle": YES_NO[row["is_socle"].lower()],
            "service_socle": row["service_socle"],
            "paliers": [row[c] for c in PALIER_COLUMNS],
        }
    )


@transaction.atomic
def load_referential(
    text: str, version: str, title: str, source: str, make_current: bool = True
) -> ReferentialVersion:
    """Create a new referential version from CSV text (never alters an existing one)."""
    parsed = read_referential(text)
    if ReferentialVersion.objects.filter(version=version).exists():
        raise ReferentialFileError(
            [f"La version {version} existe déjà : choisissez un autre numéro."]
        )
    if make_current:
        ReferentialVersion.objects.filter(is_current=True).update(is_current=False)
    referential = ReferentialVersion.objects.create(
        version=version, title=title, source=source, is_current=make_current
    )
    dimensions = {
        code: Dimension.objects.create(
            referential=referential, code=code, label=label, position=position
        )
        for position, (code, label) in enumerate(parsed.dimensions.items())
    }
    themes = {
        code: Theme.objects.create(
            dimension=dimensions[dimension], code=code, label=label, position=position
        )
        for position, (code, (dimension, label)) in enumerate(parsed.themes.items())
    }
    Indicator.objects.bulk_create(
        Indicator(**{**values, "theme": themes[values["theme"]]}, position=position)
        for position, values in enumerate(parsed.indicators)
    )
    return referential


def load_shipped_referentials() -> list[str]:
    """Load the versions listed in data/referentials.json that are not loaded yet; the last
    one listed becomes current when it is new. Returns the versions loaded."""
    loaded = []
    for entry in json.loads((DATA_DIR / "referentials.json").read_text(encoding="utf-8")):
        if ReferentialVersion.objects.filter(version=entry["version"]).exists():
            continue
        text = (DATA_DIR / entry["file"]).read_text(encoding="utf-8")
        load_referential(text, entry["version"], entry["title"], entry["source"])
        loaded.append(entry["version"])
    return loaded
