"""Generated agreements read back: members, FINESS numbers and amounts in DOCX and PDF."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from mutualis.agreements import services
from mutualis.agreements.document_context import euros
from mutualis.core.models import AuditLog
from mutualis.grappes import simulations

pytestmark = pytest.mark.django_db


def docx_text(version) -> str:
    document = Document(io.BytesIO(version.docx.read()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(version) -> str:
    reader = PdfReader(io.BytesIO(version.pdf.read()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def version(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    return services.generate_version(carrier[1], agreement, "Première version")


def expected(grappe):
    total = simulations.scenarios(grappe.simulations.first())[0][1].total
    establishments = [e.establishment.finess for e in grappe.establishments.all()]
    return total, establishments


def test_the_docx_holds_members_finess_and_amounts(version, grappe):
    content = docx_text(version)
    total, establishments = expected(grappe)
    assert (
        "Association des Volcans (raison sociale : Association des Volcans), FINESS juridique "
        "630000019"
    ) in content
    assert "Fondation du Puy" in content and "630000027" in content
    assert all(finess in content for finess in establishments)
    assert euros(total) in content
    assert "{{" not in content and "{%" not in content
    assert "La grappe réunit 2 organismes gestionnaires et 16 établissements" in content


def test_the_pdf_says_the_same(version, grappe):
    content = pdf_text(version)
    total, establishments = expected(grappe)
    assert "Association des Volcans" in content and "Fondation du Puy" in content
    assert all(finess in content for finess in establishments)
    assert " ".join(euros(total).split()) in content
    assert "Article 6 — Dispositions financières" in content


def test_a_version_keeps_its_data_and_is_audited(version, grappe):
    assert version.number == 1 and len(version.context_hash) == 64
    assert version.context["essms_count"] == 16
    assert [c["key"] for c in version.clauses][:2] == ["contexte", "porteur"]
    assert AuditLog.objects.filter(action="agreement.version").count() == 1


def test_without_simulation_the_budget_says_so(carrier, partner):
    from tests.agreements.conftest import build_grappe

    grappe = build_grappe([carrier, partner], simulate=False)
    agreement = services.create_agreement(carrier[1], grappe)
    content = docx_text(services.generate_version(carrier[1], agreement))
    assert "Aucune simulation de financement n'a encore été faite pour la grappe." in content
    assert "(simulation de financement à faire)" in content
