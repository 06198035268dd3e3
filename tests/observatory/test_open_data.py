"""Every observatory aggregate downloads as CSV, XLSX and JSON with its schema and date."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.observatory.conftest import assess
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


def test_evolution_gives_each_campaign_its_own_figures(client, auvergne):
    """The bug: every campaign's row carried today's directory and IT-profile figures
    (2026's), so 2025 read like 2026. A row now holds only its campaign's assessments."""
    places, _ = auvergne
    for place in places[:5]:
        assess(place, score=1.0, campaign=2025, services_socles={"ins": False})
    lines = export(client, "evolution", "csv").getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == "campagne;autodiagnostics;maturite_moyenne;ins;mssante;dmp;psc"
    assert lines[1] == "2025;5;1,0;0,0;;;"
    assert lines[2] == "2026;6;2,0;50,0;;;"
    page = words(client.get(reverse("observatory:dashboard"), {"campagne": 2026}))
    assert "2025 5 1,00 0,0 % secret secret secret" in page  # the page says the same
    assert "2026 6 2,00 50,0 % secret secret secret" in page


def test_dimension_distributions_with_counts_and_method_note(client, auvergne):
    places, _ = auvergne
    for index, place in enumerate(places):
        assessment = place.assessments.get()
        assessment.dimension_scores = {"1": 3.2 if index else 1.5, "2": 2.0}
        assessment.save()
    data = export(client, "dimensions", "json").json()
    rows = {row["dimension"]: row for row in data["lignes"]}
    # dimension 1: 5 at palier 3 and 1 at palier 1 (withheld, then nothing else to hide
    # but palier 3, the only other count: withheld too so that 1 cannot be deduced)
    assert rows["1"]["autodiagnostics"] == 6 and rows["1"]["moyenne"] == 2.92
    assert rows["1"]["palier_1"] is None and rows["1"]["palier_3"] is None
    assert rows["2"]["palier_2"] == 6 and rows["2"]["palier_0"] == 0
    assert rows["3"]["autodiagnostics"] == 0 and rows["3"]["moyenne"] is None
    assert "Palier atteint : partie entière du score" in data["methode"]
    page = words(client.get(reverse("observatory:open_data"), {"campagne": 2026}))
    assert "Répartition par palier de chaque dimension du référentiel" in page
    assert "Méthode ESSMS autodiagnostiqués" in page


def test_files_match_the_page(client, auvergne):
    """Every file is the page's figures for the same filters."""
    sectors = {row["secteur"]: row for row in export(client, "secteurs", "json").json()["lignes"]}
    page = words(client.get(reverse("observatory:dashboard"), {"campagne": 2026}))
    for label, row in sectors.items():
        dui = (
            "secret" if row["taux_equipement_dui"] is None else f"{row['taux_equipement_dui']:.1f}"
        )
        assert f"{label} {row['essms']} {row['profils_si']} {dui.replace('.', ',')}" in page
