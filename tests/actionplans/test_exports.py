"""CSV, XLSX and PDF exports of a plan: its actions with their lever, owner, dates, status and
progress, the timeline; formulas typed by users stay text."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mutualis.actionplans import services
from mutualis.actionplans.models import Action
from tests.actionplans.factories import ActionFactory
from tests.actionplans.test_permissions import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(world):
    plan = world.plan
    services.record_update(world.owner_admin, world.action, plan.opened_on, "Lancée", "doing", 40)
    ActionFactory(
        plan=plan,
        lever_code="E",
        title='=HYPERLINK("http://x")',
        owner_kind=Action.OwnerKind.GRADES,
        owner_body=None,
        owner_label="Pôle SI",
        status="done",
        progress=100,
        due_on=plan.opened_on + datetime.timedelta(days=30),
    )
    return world


def test_csv(exported):
    plan = exported.plan
    response = client_for(exported.facilitator).get(
        reverse("actionplans:export_csv", args=[plan.uid])
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-action-84-{plan.opened_on:%Y-%m-%d}.csv"'
    )
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Levier;Rang du levier;Action;Responsable;Début;Échéance")
    lever_d = next(line for line in lines if line.startswith("D. ")).split(";")
    assert lever_d[1:4] == ["1", "Ouvrir l'espace de partage", str(exported.owner_body)]
    # due in the past: late
    assert lever_d[6:] == ["En cours", "40", "Oui", f"{plan.opened_on:%d/%m/%Y}"]
    lever_e = next(line for line in lines if line.startswith("E. "))
    assert "'=HYPERLINK" in lever_e and "GRADeS (Pôle SI)" in lever_e and ";Fait;100;" in lever_e


def test_xlsx(exported):
    response = client_for(exported.owner_admin).get(
        reverse("actionplans:export_xlsx", args=[exported.plan.uid])
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Actions", "Points d'étape"]
    rows = list(workbook["Actions"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Levier", "Rang du levier", "Action")
    titles = {row[2]: row for row in rows[1:]}
    assert titles["Ouvrir l'espace de partage"][7] == 40
    assert titles['=HYPERLINK("http://x")'][6] == "Fait"  # stored as text, not a formula
    timeline = list(workbook["Points d'étape"].iter_rows(values_only=True))
    assert timeline[1][0] == "Ouvrir l'espace de partage" and timeline[1][2] == "Lancée"


def test_pdf_renders_levers_actions_review_and_timeline(exported):
    response = client_for(exported.facilitator).get(
        reverse("actionplans:export_pdf", args=[exported.plan.uid])
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Plan d'action à 6 mois — Auvergne-Rhône-Alpes" in text
    assert "rang 1, 6 gommettes (50,0 %)" in text
    assert "Ouvrir l'espace de partage" in text
    assert "Prévu et réalisé, par levier" in text
    assert "Lancée" in text


def test_exports_of_an_unpublished_plan_are_hidden_from_others(exported):
    url = reverse("actionplans:export_xlsx", args=[exported.plan.uid])
    assert client_for().get(url).status_code == 404
    services.set_published(exported.facilitator, exported.plan, True)
    assert client_for().get(url).status_code == 200
