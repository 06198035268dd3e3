"""Exports for targeting: the ESSMS without any assessment of a département and a sector, in
CSV (streamed) and XLSX, for the actor's régions only."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import EstablishmentFactory, regional_actor
from tests.observatory.conftest import assess
from tests.pages import text

pytestmark = pytest.mark.django_db
URL = reverse("observatory:follow_up")
WITHOUT = {"campagne": 2026, "etat": "aucun", "departement": "01", "secteur": "pa"}


@pytest.fixture
def region(db):
    assess(EstablishmentFactory(name="EHPAD Soumis"))
    EstablishmentFactory(name="EHPAD Sans autodiagnostic")
    EstablishmentFactory(name="=SESSAD Sans autodiagnostic", category_id="182")
    EstablishmentFactory(name="EHPAD Isérois", departement_id="38", postal_code="38000")
    EstablishmentFactory(name="EHPAD Parisien", departement_id="75", region_id="11")


def test_the_page_links_the_exports_of_the_essms_without_assessment(client, region):
    client.force_login(regional_actor("84"))
    page = text(client.get(URL, {"campagne": 2026, "departement": "01"}))
    assert "ESSMS sans autodiagnostic (CSV)" in page
    assert "?campagne=2026&departement=01&etat=aucun&format=xlsx" in page


def test_csv_of_the_essms_without_assessment_of_a_departement_and_a_sector(client, region):
    client.force_login(regional_actor("84"))
    response = client.get(URL, {**WITHOUT, "format": "csv"})
    assert response.streaming
    assert "mutualis-sans-autodiagnostic-2026.csv" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "finess;nom;categorie;secteur;departement;nom_departement;organisme_finess;organisme;"
        "etat_autodiagnostic"
    )
    assert len(lines) == 2
    assert ";EHPAD Sans autodiagnostic;" in lines[1] and ";Personnes âgées;01;Ain;" in lines[1]
    assert lines[1].endswith(";Aucun")


def test_xlsx_export_keeps_the_filters_and_never_writes_formulas(client, region):
    client.force_login(regional_actor("84"))
    response = client.get(URL, {**WITHOUT, "secteur": "", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("finess", "nom")
    names = sorted(row[1] for row in rows[1:])
    assert names == ["=SESSAD Sans autodiagnostic", "EHPAD Sans autodiagnostic"]
    assert all(cell.data_type == "s" for cell in sheet["B"][1:])


def test_another_region_is_never_exported(client, region):
    client.force_login(regional_actor("11"))
    response = client.get(URL, {"campagne": 2026, "etat": "aucun", "format": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "EHPAD Parisien" in content and "EHPAD Sans autodiagnostic" not in content
