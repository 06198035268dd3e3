"""Exports: a session's results in CSV and PDF (the needs analysis: test_survey_exports.py)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mutualis.workshops import services
from tests.workshops.conftest import ranked

pytestmark = pytest.mark.django_db


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
