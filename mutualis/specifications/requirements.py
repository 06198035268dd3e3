"""Read and load a version of the requirements library from its CSV file (data/SOURCE.md).

Reading is pure and reports every problem with its line number; loading writes a new
``RequirementLibrary`` in one transaction, or nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from django.db import transaction

from mutualis.specifications.models import Reliability, Requirement, RequirementLibrary

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS = [
    "domain_code",
    "domain_label",
    "code",
    "label",
    "description",
    "si_domains",
    "indicators",
    "source",
    "reliability",
]
REQUIRED = ["domain_code", "domain_label", "code", "label", "source", "reliability"]
MAX_REQUIREMENTS = 500
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
LENGTHS = {
    field.name: field.max_length
    for field in Requirement._meta.get_fields()
    if field.name in COLUMNS and getattr(field, "max_length", None)
}


class LibraryFileError(ValueError):
    """The file cannot be loaded; ``errors`` lists every problem, in French, by line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def read_library(text: str) -> list[dict]:
    """The requirements of a library file, in order; raise LibraryFileError listing every
    problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = reader.fieldnames or []
    except csv.Error:
        raise LibraryFileError(["Ligne 1 : illisible."]) from None
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise LibraryFileError([f"Ligne 1 : colonnes manquantes : {', '.join(missing)}."])
    requirements: list[dict] = []
    errors: list[str] = []
    domains: dict[str, str] = {}
    codes: set[str] = set()
    try:
        for row in reader:
            problems = _problems(row, domains, codes)
            errors.extend(f"Ligne {reader.line_num} : {problem}" for problem in problems)
            if not problems:
                requirements.append({column: row[column] for column in COLUMNS})
            if len(requirements) + len(errors) > MAX_REQUIREMENTS:
                errors.append(f"Plus de {MAX_REQUIREMENTS} exigences : la lecture s'arrête.")
                break
    except csv.Error:
        errors.append(
            f"Ligne {reader.line_num + 1} : illisible (champ trop long ou guillemet non "
            "refermé). La lecture s'arrête à cette ligne."
        )
    if not requirements and not errors:
        errors.append("Le fichier ne contient aucune exigence.")
    if errors:
        raise LibraryFileError(errors)
    return requirements


def _problems(row: dict, domains: dict[str, str], codes: set[str]) -> list[str]:
    if None in row or any(row.get(column) is None for column in COLUMNS):
        return [f"{len(COLUMNS)} colonnes attendues."]
    row.update({key: (value or "").strip() for key, value in row.items()})
    problems = [f"la colonne {column} est vide." for column in REQUIRED if not row[column]]
    problems += [
        f"la colonne {column} dépasse {limit} caractères."
        for column, limit in LENGTHS.items()
        if len(row[column]) > limit
    ]
    if problems:
        return problems
    if not CODE.fullmatch(row["code"]):
        problems.append("le code ne contient que des lettres, des chiffres et des tirets.")
    if row["reliability"] not in Reliability.values:
        problems.append(f"reliability doit valoir {' ou '.join(Reliability.values)}.")
    if domains.setdefault(row["domain_code"], row["domain_label"]) != row["domain_label"]:
        problems.append(f"libellé différent pour le domaine {row['domain_code']}.")
    if row["code"] in codes:
        problems.append(f"l'exigence {row['code']} est en double.")
    codes.add(row["code"])
    return problems


@transaction.atomic
def load_library(
    text: str, version: str, title: str, source: str, *, make_current: bool = True, user=None
) -> RequirementLibrary:
    """Write a new version; raise LibraryFileError (nothing written) if the file is wrong or
    the version exists."""
    requirements = read_library(text)
    if RequirementLibrary.objects.filter(version=version).exists():
        raise LibraryFileError([f"La version {version} existe déjà : choisissez un autre numéro."])
    if make_current:
        RequirementLibrary.objects.filter(is_current=True).update(is_current=False)
    library = RequirementLibrary.objects.create(
        version=version, title=title, source=source, is_current=make_current, loaded_by=user
    )
    Requirement.objects.bulk_create(
        Requirement(library=library, position=position, **row)
        for position, row in enumerate(requirements, start=1)
    )
    return library


def load_shipped_libraries() -> list[str]:
    """Load the versions shipped in data/ that are not loaded yet; the last one is current."""
    loaded = []
    for entry in json.loads((DATA_DIR / "libraries.json").read_text(encoding="utf-8")):
        if RequirementLibrary.objects.filter(version=entry["version"]).exists():
            continue
        load_library(
            (DATA_DIR / entry["file"]).read_text(encoding="utf-8"),
            entry["version"],
            entry["title"],
            entry["source"],
        )
        loaded.append(entry["version"])
    return loaded
