"""Exports: the needs analysis in CSV and XLSX (secret cells kept secret), a session's results
in CSV and PDF."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mutualis.workshops import services, survey_services
from tests.factories import regional_actor
from tests.workshops.conftest import SEED_LEVERS, body_with, open_survey, ranked

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_survey():
    survey = open_survey("regional", "84", title="Besoins AURA 2026")
    ratings = dict.fromkeys(SEED_LEVERS, 1)
    for index in range(5):
        body, admin = body_with(2, f"EHPAD {index}")
        survey_services.save_answer(admin, survey, body, ratings, ["dui"])
    body, admin = body_with(1, "IME", category="183")
    survey_services.save_answer(admin, survey, body, ratings | {"A": 0})
    return survey


def test_needs_analysis_as_csv(client, answered_survey):
    client.force_login(regional_actor("84"))
    response = client.get(reverse("workshops:survey_csv", args=[answered_survey.uid]))
    assert response["Content-Disposition"] == (
        'attachment; filename="analyse-des-besoins-besoins-aura-2026.csv"'
    )
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Ventilation;Groupe;Répondants;Levier;Part prioritaire ou plus (%)"
    assert "Ensemble;Tous les répondants;6;A;83,3" in lines
    assert "Par secteur;Personnes âgées;5;A;100,0" in lines
    assert "Par secteur;Personnes handicapées — enfants;moins de 5;A;secret" in lines


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
    assert levers[1][:8] == ("A", levers[1][1], 6, 1, 5, 0, 0, 83.3)
    sectors = list(workbook["Par secteur"].values)
    assert sectors[2][:3] == ("Personnes handicapées — enfants", "moins de 5", "secret")
    needs = list(workbook["Besoins par domaine du SI"].values)
    assert needs[1] == ("Dossier usager informatisé (DUI)", 5, 83.3)


def test_session_results_as_csv_and_pdf(client, facilitator, workshop):
    services.vote(services.join(workshop), ranked("C", "E", "A"))
    services.vote(services.join(workshop), ranked("E", "C", "D"))
    services.post_card(services.join(workshop), "works", "Une mutualisation adaptative")
    services.close_vote(facilitator, workshop)
    client.force_login(facilitator)
    response = client.get(reverse("workshops:results_csv", args=[workshop.uid]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="atelier-atelier-de-lain-{workshop.code.lower()}.csv"'
    )
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Rang;Code;Levier;Gommettes;Participants l'ayant choisi;Part des gommettes (%)"
    )
    assert lines[1].startswith("1;C;") and lines[1].endswith(";5;2;41,7")
    assert lines[2].startswith("1;E;")
    assert lines[-1] == "Bulletins;2"

    response = client.get(reverse("workshops:results_pdf", args=[workshop.uid]))
    assert response["Content-Type"] == "application/pdf"
    content = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Classement des leviers" in content
    assert "2 bulletins, 3 participants" in content
    assert "Une mutualisation adaptative" in content


def test_session_results_as_xlsx_with_the_cards(client, facilitator, workshop):
    services.vote(services.join(workshop), ranked("C", "E", "A"))
    alice = services.join(workshop)
    trust = services.post_card(alice, "fails", "La crainte d'être absorbé")
    services.group_card(facilitator, trust, "Confiance")
    services.post_card(alice, "works", "=SOMME(A1:A2) mutualiser")
    services.close_vote(facilitator, workshop)
    client.force_login(facilitator)
    response = client.get(reverse("workshops:results_xlsx", args=[workshop.uid]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="atelier-atelier-de-lain-{workshop.code.lower()}.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Classement", "Cartes"]
    ranking = list(workbook["Classement"].values)
    assert ranking[1][:4] == (1, "C", ranking[1][2], 3)
    cards = list(workbook["Cartes"].values)
    assert cards[0] == ("Question", "Regroupement", "Carte", "Ajoutée le")
    assert cards[1][:3] == (
        "Qu'est-ce qui semble fonctionner ?",
        "Non regroupée",
        "=SOMME(A1:A2) mutualiser",
    )
    assert workbook["Cartes"]["C2"].data_type == "s"  # text, never a formula
    assert cards[2][:3] == (
        "Qu'est-ce qui ne fonctionne pas ?",
        "Confiance",
        "La crainte d'être absorbé",
    )

    response = client.get(reverse("workshops:results_pdf", args=[workshop.uid]))
    content = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Cartes des participants, par question et regroupement" in content
    assert "Confiance" in content and "La crainte d'être absorbé" in content
