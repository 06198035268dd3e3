"""The needs analysis in CSV (one flat table) and XLSX (one sheet per table), with the same
secrets as the page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.workshops import survey_services
from tests.factories import regional_actor
from tests.workshops.conftest import SEED_LEVERS, body_with, open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_survey():
    """Five EHPAD bodies and five IME bodies (lever A not a priority for the IME), one lone
    CHRS body."""
    survey = open_survey("regional", "84", title="Besoins AURA 2026")
    ratings = dict.fromkeys(SEED_LEVERS, 1)
    for index in range(5):
        body, admin = body_with(2, f"EHPAD {index}")
        survey_services.save_answer(admin, survey, body, ratings, ["dui"])
    for index in range(5):
        body, admin = body_with(1, f"IME {index}", category="183")
        survey_services.save_answer(admin, survey, body, ratings | {"A": 0})
    body, admin = body_with(1, "CHRS", category="214")
    survey_services.save_answer(admin, survey, body, ratings)
    return survey


def test_needs_analysis_as_csv(client, answered_survey):
    client.force_login(regional_actor("84"))
    response = client.get(reverse("workshops:survey_csv", args=[answered_survey.uid]))
    assert response["Content-Disposition"] == (
        'attachment; filename="analyse-des-besoins-besoins-aura-2026.csv"'
    )
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Ventilation;Groupe;Répondants;Levier;Part prioritaire ou plus (%)"
    assert "Ensemble;Tous les répondants;11;A;54,5" in lines
    assert "Ensemble;Tous les répondants;11;B;100,0" in lines
    # 5 EHPAD, 5 IME, 1 CHRS: the CHRS and (first of the smallest) the EHPAD are masked
    assert "Par secteur;Personnes âgées;masqué (secret par recoupement);A;secret" in lines
    assert "Par secteur;Personnes handicapées — enfants;5;A;0,0" in lines
    assert (
        "Par secteur;Accueil, hébergement, insertion (AHI);moins de 5 répondants;A;secret" in lines
    )
    assert "Par secteur;Autres (regroupés);6;A;100,0" in lines


def test_needs_analysis_as_xlsx(client, answered_survey):
    client.force_login(regional_actor("84"))
    response = client.get(reverse("workshops:survey_xlsx", args=[answered_survey.uid]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Leviers",
        "Par secteur",
        "Par taille de l'organisme",
        "Par département",
        "Besoins par domaine du SI",
    ]
    levers = list(workbook["Leviers"].values)
    assert levers[1][:8] == ("A", levers[1][1], 11, 5, 6, 0, 0, 54.5)
    sectors = [row[:3] for row in workbook["Par secteur"].values]
    assert ("Personnes âgées", "masqué (secret par recoupement)", "secret") in sectors
    assert ("Personnes handicapées — enfants", 5, 0) in sectors
    assert ("Autres (regroupés)", 6, 100) in sectors
    assert any(row[1] == "moins de 5 répondants" for row in sectors)
    needs = list(workbook["Besoins par domaine du SI"].values)
    assert needs[1] == ("Dossier usager informatisé (DUI)", 5, 45.5)
