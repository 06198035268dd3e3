"""CSV and XLSX exports of directory search results (streamed, constant memory)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from mutualis.core import tabular
from mutualis.directory.models import Establishment

COLUMNS = [
    ("finess", "N° FINESS ET"),
    ("name", "Raison sociale"),
    ("category__code", "Code catégorie"),
    ("category__label", "Catégorie"),
    ("category__sector__label", "Secteur"),
    ("managing_body__finess", "N° FINESS EJ"),
    ("managing_body__display_name", "Organisme gestionnaire"),
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


def csv_lines(queryset: QuerySet[Establishment]) -> Iterator[str]:
    return tabular.csv_lines(_rows(queryset))


def xlsx_bytes(queryset: QuerySet[Establishment]) -> bytes:
    return tabular.xlsx_bytes("Établissements", _rows(queryset))
