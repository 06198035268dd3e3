"""CSV and XLSX exports of a directory search: establishment, address and IT profile."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from mutualis.directory.models import Editor, ItProfile, Solution
from tests.factories import EstablishmentFactory, checked_segur


def export_rows(client, extension: str, **params) -> list[list]:
    response = client.get(reverse(f"directory:establishment_export_{extension}"), params)
    assert response["Content-Disposition"].startswith('attachment; filename="etablissements-')
    if extension == "csv":
        text = b"".join(response.streaming_content).decode("utf-8")
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def profiled(db):
    establishment = EstablishmentFactory(
        name="EHPAD Les Érables",
        finess="010000990",
        street_number="12",
        street_type="R",
        street_name="DES LILAS",
        locality="BP 7",
        address_complement="Bâtiment B",
        latitude=46.2052,
        longitude=5.2255,
    )
    solution = checked_segur(
        Solution.objects.create(editor=Editor.objects.create(name="Éditeur Démo"), name="DUI Démo")
    )
    ItProfile.objects.create(
        establishment=establishment,
        dui_status="deployed",
        solution=solution,
        hosting_mode="saas",
        workstation_count=12,
        has_wifi=True,
    )
    EstablishmentFactory(name="SESSAD", category_id="182", finess="010000991")
    return establishment


def test_csv_export_of_a_search(client, db):
    profiled(db)
    header, *rows = export_rows(client, "csv", sector="pa")
    assert header[:2] == ["N° FINESS ET", "Raison sociale"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Voie"] == "12 R DES LILAS"
    assert (row["Complément d'adresse"], row["Lieu-dit ou boîte postale"]) == ("Bâtiment B", "BP 7")
    assert (row["Code postal"], row["Ville"], row["Département"]) == (
        "01000",
        "BOURG EN BRESSE",
        "Ain",
    )
    assert (row["Latitude"], row["Fermé"]) == ("46,2052", "Non")
    assert row["Dossier usager informatisé (DUI)"] == "DUI déployé"
    assert (row["Solution DUI"], row["Éditeur DUI"]) == ("DUI Démo", "Éditeur Démo")
    assert row["Solution référencée Ségur"] == "Oui"
    assert row["Hébergement du DUI"] == "SaaS (logiciel en ligne)"
    assert (row["Postes de travail"], row["Terminaux mobiles"]) == ("12", "")
    assert (row["Wifi dans les locaux"], row["Profil SI de démonstration"]) == ("Oui", "Non")
    assert row["Profil SI mis à jour le"][2] == "/"  # JJ/MM/AAAA HH:MM


def test_xlsx_export_of_a_search(client, db):
    profiled(db)
    header, *rows = export_rows(client, "xlsx")
    assert header[:2] == ["N° FINESS ET", "Raison sociale"]
    by_finess = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    ehpad, sessad = by_finess["010000990"], by_finess["010000991"]
    assert (ehpad["Raison sociale"], ehpad["Postes de travail"]) == ("EHPAD Les Érables", 12)
    assert ehpad["Latitude"] == 46.2052
    assert sessad["Dossier usager informatisé (DUI)"] == "Non renseigné"
    assert sessad["Hébergement du DUI"] == "Non renseigné"
    assert sessad["Solution DUI"] is None
