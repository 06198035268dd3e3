"""Load the FINESS nomenclatures shipped in ``finess/data`` (idempotent upserts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from mutualis.core.reference_data import read_rows
from mutualis.finess.models import Aggregate, Category, LegalStatus, Sector, TariffMode

DATA_DIR = Path(__file__).resolve().parent / "data"


def _category_rows() -> Iterator[dict[str, str]]:
    """Category rows; the source file ends with a stray line of NOS table names (skipped)."""
    return (
        row
        for row in read_rows(DATA_DIR / "categories_etablissement.csv")
        if row["categetab"].isalnum()
    )


def _upsert(model, objects: list, fields: list[str]) -> int:
    model.objects.bulk_create(
        objects, update_conflicts=True, unique_fields=["code"], update_fields=fields
    )
    return len(objects)


def _aggregates() -> list[Aggregate]:
    found: dict[str, Aggregate] = {}
    for row in read_rows(DATA_DIR / "agregats_categorie_niv1_niv2_TRE_R63_R64.csv"):
        level, code = int(row["niveau"]), row["code"]
        closed = dt.date.fromisoformat(row["date_fin"]) if row["date_fin"] else None
        parent = f"{code[0]}000" if level == 2 and code[0] != "0" else None
        found[code] = Aggregate(
            code=code, level=level, label=row["libelle"], parent_id=parent, closed_on=closed
        )
    for row in _category_rows():
        code = row["categagretab"]
        if code not in found:
            found[code] = Aggregate(
                code=code, level=3, label=row["libcategagretab"], parent_id=row["agr_niv2"]
            )
    return sorted(found.values(), key=lambda a: a.level)


@transaction.atomic
def load_nomenclatures() -> dict[str, int]:
    """Upsert every FINESS nomenclature and the Mutualis sectors; return the counts."""
    counts = {}
    aggregates = _aggregates()
    for level in (1, 2, 3):
        _upsert(
            Aggregate,
            [a for a in aggregates if a.level == level],
            ["level", "label", "parent", "closed_on"],
        )
    counts["agrégats"] = len(aggregates)

    sector_of = {}
    sectors = []
    for position, row in enumerate(read_rows(DATA_DIR / "sectors.csv")):
        sectors.append(Sector(code=row["code"], label=row["label"], position=position))
        sector_of.update(dict.fromkeys(row["aggregates"].split(), row["code"]))
    counts["secteurs"] = _upsert(Sector, sectors, ["label", "position"])

    categories = [
        Category(
            code=row["categetab"],
            label=row["libcategetab"] or f"Catégorie {row['categetab']} (fermée)",
            aggregate_id=row["categagretab"],
            domain=row["domaine"],
            sector_id=sector_of.get(row["categagretab"]),
        )
        for row in _category_rows()
    ]
    counts["catégories"] = _upsert(Category, categories, ["label", "aggregate", "domain", "sector"])

    levels = {}
    with open(DATA_DIR / "ASS_X11-FinessAgregatStatutJuridique.tabs", encoding="utf-8") as f:
        for line in list(f)[2:]:
            parts = line.strip().split(";")
            if len(parts) == 4:
                levels[parts[3]] = (parts[0], parts[1])
    statuses = [
        LegalStatus(
            code=row["code"],
            label=row["libelle"],
            aggregate_level1=levels.get(row["code"], ("", ""))[0],
            aggregate_level2=levels.get(row["code"], ("", ""))[1],
        )
        for row in read_rows(DATA_DIR / "statut_juridique_TRE_R72.csv")
    ]
    counts["statuts juridiques"] = _upsert(
        LegalStatus, statuses, ["label", "aggregate_level1", "aggregate_level2"]
    )
    modes = [
        TariffMode(code=row["code"], label=row["libelle"])
        for row in read_rows(DATA_DIR / "mode_fixation_tarifaire_TRE_R74.csv")
    ]
    counts["modes de tarification"] = _upsert(TariffMode, modes, ["label"])
    return counts


def social_category_codes() -> set[str]:
    """Codes of the social and medico-social categories (domain SOC)."""
    return set(Category.objects.filter(domain="SOC").values_list("code", flat=True))
