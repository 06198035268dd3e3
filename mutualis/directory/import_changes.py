"""What an import plans to close, move or change, kept on its ImportRun (``ImportChange``)
for the report page, the per-département counts and the CSV download."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from mutualis.core import bulk
from mutualis.core.models import ImportChange, ImportRun

if TYPE_CHECKING:
    from mutualis.directory.finess_import import ImportPlan

# The fields a change lists, with their French labels (search_name and region follow).
FIELD_LABELS = {
    "name": "nom",
    "long_name": "nom long",
    "managing_body__finess": "organisme gestionnaire",
    "category_id": "catégorie",
    "street_number": "numéro de voie",
    "street_type": "type de voie",
    "street_name": "voie",
    "street_complement": "complément de voie",
    "address_complement": "complément d'adresse",
    "locality": "lieu-dit",
    "postal_code": "code postal",
    "city": "commune",
    "commune_id": "code commune",
    "departement_id": "département",
    "phone": "téléphone",
    "siret": "SIRET",
    "ape_code": "code APE",
    "tariff_mode_id": "mode de tarification",
    "opened_on": "ouverture",
    "authorized_on": "autorisation",
    "finess_updated_on": "mise à jour FINESS",
    "latitude": "latitude",
    "longitude": "longitude",
}
CSV_HEADER = ["nature", "finess", "nom", "departement", "commune", "changements"]
# The detailed changes of the most recent runs are kept (a national run plans tens of
# thousands); older runs keep their counts only.
KEPT_RUNS = 10


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _differs(name: str, before, after) -> bool:
    if name in ("latitude", "longitude") and before is not None and after is not None:
        return abs(before - after) > 1e-6
    return before != after


def describe(old: dict, new: dict) -> str:
    """The fields that change, old → new: "nom : A → B ; commune : X → Y"."""
    return " ; ".join(
        f"{label} : {_shown(old[name])} → {_shown(new[name])}"
        for name, label in FIELD_LABELS.items()
        if _differs(name, old[name], new[name])
    )


def _change(kind: int, row: dict, detail: str) -> ImportChange:
    return ImportChange(
        kind=kind,
        finess=row["finess"],
        name=row["name"][:100],
        departement=row["departement_id"] or "",
        city=row["city"][:100],
        detail=detail,
    )


def planned_changes(plan: ImportPlan) -> Iterator[ImportChange]:
    """The closures, moves and changes of a plan, unsaved (``run`` not set)."""
    kinds = dict.fromkeys(plan.closed, ImportChange.Kind.CLOSED)
    kinds.update(dict.fromkeys(plan.moved, ImportChange.Kind.MOVED))
    kinds.update(dict.fromkeys(plan.changed, ImportChange.Kind.CHANGED))
    for row in plan.rows:
        kind = kinds.get(row["finess"])
        if kind == ImportChange.Kind.CLOSED:
            yield _change(kind, row, f"fermé au {_shown(row['closed_on'])}")
        elif kind is not None:
            yield _change(kind, row, describe(plan.previous[row["finess"]], row))


@transaction.atomic
def record_changes(run: ImportRun, plan: ImportPlan) -> None:
    """Replace the changes kept on ``run`` by those of ``plan``, in batches."""
    run.changes.all().delete()
    batch: list[ImportChange] = []
    for change in planned_changes(plan):
        change.run = run
        batch.append(change)
        if len(batch) >= bulk.BATCH_SIZE:
            ImportChange.objects.bulk_create(batch)
            batch = []
    ImportChange.objects.bulk_create(batch)
    purge_old_changes()


def purge_old_changes() -> int:
    """Delete the changes of every run but the ``KEPT_RUNS`` most recent that have some."""
    older = (
        ImportRun.objects.filter(changes__isnull=False)
        .distinct()
        .order_by("-started_at", "-pk")
        .values_list("pk", flat=True)[KEPT_RUNS:]
    )
    deleted, _ = ImportChange.objects.filter(run__in=list(older)).delete()
    return deleted


def is_purged(run: ImportRun) -> bool:
    """True when ``run`` planned changes whose detail is no longer kept."""
    counts = run.counts or {}
    planned = sum(counts.get(name, 0) for name in ("modifiés", "déplacés", "fermés"))
    return planned > 0 and not run.changes.exists()


def closures_and_moves(run: ImportRun) -> QuerySet[ImportChange]:
    return run.changes.filter(kind__in=[ImportChange.Kind.CLOSED, ImportChange.Kind.MOVED])


def counts_by_departement(run: ImportRun) -> list[dict]:
    """Closures and moves per département: [{"departement", "closures", "moves"}], by code."""
    return list(
        closures_and_moves(run)
        .values("departement")
        .annotate(
            closures=Count("id", filter=Q(kind=ImportChange.Kind.CLOSED)),
            moves=Count("id", filter=Q(kind=ImportChange.Kind.MOVED)),
        )
        .order_by("departement")
    )


def csv_rows(run: ImportRun) -> Iterator[list]:
    """The header, then every closure, move and change kept on ``run``."""
    yield CSV_HEADER
    kinds = dict(ImportChange.Kind.choices)
    for change in run.changes.order_by("kind", "departement", "finess").iterator(chunk_size=2000):
        yield [
            kinds[change.kind],
            change.finess,
            change.name,
            change.departement,
            change.city,
            change.detail,
        ]
