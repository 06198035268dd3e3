"""CSV and XLSX exports of directory search results (streamed, constant memory): the
establishment, its address and its IT profile, in readable French columns."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from mutualis.core import tabular
from mutualis.directory.models import DuiStatus, Establishment, HostingMode, segur_flag

IDENTITY = [
    "finess",
    "name",
    "category__code",
    "category__label",
    "category__sector__label",
    "managing_body__finess",
    "managing_body__display_name",
]
STREET = ["street_number", "street_complement", "street_type", "street_name"]
PLACE = [
    "locality",
    "postal_code",
    "city",
    "commune_id",
    "departement_id",
    "departement__name",
    "region__name",
    "phone",
    "latitude",
    "longitude",
    "is_closed",
]
PROFILE = [
    "it_profile__dui_status",
    "it_profile__solution__name",
    "it_profile__solution__editor__name",
    "it_profile__solution__segur_status",
    "it_profile__hosting_mode",
]
EQUIPMENT = [
    "it_profile__workstation_count",
    "it_profile__mobile_device_count",
    "it_profile__has_broadband",
    "it_profile__has_wifi",
    "it_profile__is_demo",
    "it_profile__updated_at",
]
FIELDS = [*IDENTITY, "address_complement", *STREET, *PLACE, *PROFILE, *EQUIPMENT]
HEADER = [
    "N° FINESS ET",
    "Raison sociale",
    "Code catégorie",
    "Catégorie",
    "Secteur",
    "N° FINESS EJ",
    "Organisme gestionnaire",
    "Complément d'adresse",
    "Voie",
    "Lieu-dit ou boîte postale",
    "Code postal",
    "Ville",
    "Code commune INSEE",
    "Code département",
    "Département",
    "Région",
    "Téléphone",
    "Latitude",
    "Longitude",
    "Fermé",
    "Dossier usager informatisé (DUI)",
    "Solution DUI",
    "Éditeur DUI",
    "Solution référencée Ségur",
    "Hébergement du DUI",
    "Postes de travail",
    "Terminaux mobiles",
    "Accès internet haut débit",
    "Wifi dans les locaux",
    "Profil SI de démonstration",
    "Profil SI mis à jour le",
]
DUI = dict(DuiStatus.choices)
HOSTING = dict(HostingMode.choices)
NOT_GIVEN = "Non renseigné"


def _segur(solution: str | None, status: str | None) -> bool | str | None:
    """Oui / Non for a checked referencing, "Non évaluable" when unchecked, empty without
    a listed solution."""
    if solution is None:
        return None
    flag = segur_flag(status)
    return "Non évaluable" if flag is None else flag


def _row(values: tuple) -> list:
    v = dict(zip(FIELDS, values, strict=True))
    has_profile = v["it_profile__dui_status"] is not None
    return [
        *(v[name] for name in IDENTITY),
        v["address_complement"],
        " ".join(v[name] for name in STREET if v[name]),
        *(v[name] for name in PLACE),
        DUI[v["it_profile__dui_status"]] if has_profile else NOT_GIVEN,
        v["it_profile__solution__name"],
        v["it_profile__solution__editor__name"],
        _segur(v["it_profile__solution__name"], v["it_profile__solution__segur_status"]),
        HOSTING.get(v["it_profile__hosting_mode"], NOT_GIVEN) if has_profile else NOT_GIVEN,
        *(v[name] for name in EQUIPMENT),
    ]


def _rows(queryset: QuerySet[Establishment]) -> Iterator[list]:
    yield HEADER
    rows = queryset.order_by("finess").values_list(*FIELDS).iterator(chunk_size=2000)
    yield from (_row(values) for values in rows)


def csv_lines(queryset: QuerySet[Establishment]) -> Iterator[str]:
    return tabular.csv_lines(_rows(queryset))


def xlsx_bytes(queryset: QuerySet[Establishment]) -> bytes:
    return tabular.xlsx_bytes("Établissements", _rows(queryset))
