"""Every observatory aggregate downloads as CSV, XLSX and JSON with its schema and date."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.pages import words

pytestmark = pytest.mark.django_db


def export(client, name, extension, **params):
    url = reverse("observatory:export", args=[name, extension])
    return client.get(url, {"campagne": 2026, **params})


def test_the_catalogue_documents_each_table(client, auvergne):
    page = words(client.get(reverse("observatory:open_data"), {"campagne": 2026}))
    assert "Indicateurs par territoire" in page and "Parts de marché des éditeurs" in page
    assert "taux_equipement_dui décimal Part des profils déclarés équipés d'un DUI, en %" in page
    assert "secret statistique" in page


def test_json_carries_schema_date_scope_and_secret_cells(client, auvergne):
    data = export(client, "territoires", "json").json()
    assert data["campagne"] == 2026 and data["perimetre"] == "France entière"
    assert data["donnees_au"]
    assert data["schema"][0] == {
        "nom": "niveau",
        "type": "texte",
        "description": "« region » ou « departement »",
    }
    by_code = {row["code"]: row for row in data["lignes"]}
    assert by_code["84"]["taux_equipement_dui"] == 50.0
    assert by_code["11"]["taux_equipement_dui"] is None  # one establishment: withheld


def test_csv_and_xlsx_have_the_same_rows(client, auvergne):
    response = export(client, "territoires", "csv", region="84")
    assert response["Content-Disposition"] == (
        'attachment; filename="mutualis-observatoire-territoires-2026.csv"'
    )
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("niveau;code;nom;essms;profils_si;taux_equipement_dui")
    assert lines[1].startswith("departement;01;Ain;6;6;50,0")  # decimal comma
    sheet = load_workbook(io.BytesIO(export(client, "territoires", "xlsx", region="84").content))
    rows = list(sheet.active.values)
    assert rows[1][:6] == ("departement", "01", "Ain", 6, 6, 50.0)


def test_unknown_tables_and_formats_are_not_found(client, db):
    assert export(client, "inconnu", "csv").status_code == 404
    assert export(client, "secteurs", "pdf").status_code == 404
