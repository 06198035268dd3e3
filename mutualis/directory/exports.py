"""CSV and XLSX exports of directory search results (streamed, constant memory)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from openpyxl import Workbook

from mutualis.directory.models import Establishment

COLUMNS = [
    ("finess", "N° FINESS ET"),
    ("name", "Raison sociale"),
    ("category__code", "Code catégorie"),
    ("category__label", "Catégorie"),
    ("category__sector__label", "Secteur"),
    ("managing_body__finess", "N° FINESS EJ"),
    ("managing_body__name", "Organisme gestionnaire"),
    ("postal_code", "Code postal"),
    ("city", "Ville"),
    ("commune_id", "Code commune INSEE"),
    ("departement_id", "Département"),
    ("region__name", "Région"),
    ("latitude", "Latitude"),
    ("longitude", "Longitude"),
    ("is_closed", "Fermé"),
]


def _rows(queryset: QuerySet[Establishment]) -> Iterator[tuple]:
    fields = [name for name, _ in COLUMNS]
    yield tuple(label for _, label in COLUMNS)
    yield from queryset.order_by("finess").values_list(*fields).iterator(chunk_size=2000)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(queryset: QuerySet[Establishment]) -> Iterator[str]:
    """CSV lines (``;``, UTF-8 with BOM so that spreadsheets read accents)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in _rows(queryset):
        yield writer.writerow(["Oui" if v is True else "Non" if v is False else v for v in row])


def xlsx_bytes(queryset: QuerySet[Establishment]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Établissements")
    for row in _rows(queryset):
        sheet.append(["Oui" if v is True else "Non" if v is False else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
