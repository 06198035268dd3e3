"""The calendar annex is dated from the project's milestones (registered source: projects
sit below agreements); without a project it says when the dates will come. The
data-protection article cites its sources."""

import datetime

import pytest

from mutualis.agreements import services
from mutualis.projects.services import build_project
from tests.agreements.documents_read import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_the_annex_lists_the_milestones_with_their_dates(grappe, carrier):
    project = build_project(grappe, datetime.date(2026, 1, 5))
    amoa = project.milestones.get(code="amoa")
    amoa.actual_date = datetime.date(2026, 2, 20)
    amoa.save()
    agreement = services.create_agreement(carrier[1], grappe)
    version = services.generate_version(carrier[1], agreement)
    rows = version.context["calendar"]
    assert rows[0] == {"title": "Convention signée avec l'ARS", "planned": "04/02/2026", "done": ""}
    assert {"title": "AMOA choisie", "planned": "06/03/2026", "done": "20/02/2026"} in rows
    for content in (docx_text(version.docx), pdf_text(version.pdf)):
        assert "Annexe 3 — Calendrier prévisionnel" in content
        assert "Convention signée avec l'ARS" in content and "04/02/2026" in content
        assert "AMOA choisie" in content and "20/02/2026" in content


def test_without_project_the_annex_says_so(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    version = services.generate_version(carrier[1], agreement)
    assert version.context["calendar"] is None
    expected = "Le suivi de projet de la grappe n'est pas encore ouvert"
    assert expected in docx_text(version.docx) and expected in pdf_text(version.pdf)


def test_the_data_protection_article_cites_its_sources(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    content = pdf_text(services.generate_version(carrier[1], agreement).pdf)
    assert "Article 7 — Protection des données personnelles" in content
    for source in ("article 26 du règlement (UE) 2016/679", "article 28 du RGPD", "L.1111-8"):
        assert source in content
    assert "hébergeur de données de santé » (HDS)" in content
    assert "délégué à la protection des données (DPO)" in content
