"""What the convention says, in its DOCX and PDF: parties from the directory, resource, time
share, costs with the L.8241-1 rule, RGPD clause for a DPO, notice, signatures."""

from decimal import Decimal

import pytest

from mutualis.sharing import loan_documents, loan_services
from mutualis.sharing.models import Skill, Vehicle
from tests.agreements.documents_read import docx_text, pdf_text
from tests.sharing.loan_factories import body_and_admin, loan_between, terms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pairs():
    provider = body_and_admin("Association des Volcans", finess="630000019", siren="775600000")
    return provider, body_and_admin("Fondation du Puy", finess="630000027")


def _texts(loan, signed=False):
    found = {d.kind: d for d in loan.documents.filter(version=loan.version, signed=signed)}
    return docx_text(found["docx"].file), pdf_text(found["pdf"].file)


def test_draft_edition_says_everything_and_is_marked_unsigned(pairs):
    loan = loan_between(*pairs)
    for text in _texts(loan):
        assert "Projet — non signée" in text
        assert "Convention de mise à disposition" in text
        assert "FINESS juridique 630000019, SIREN 775600000" in text
        assert "raison sociale : Association des Volcans" in text
        assert "siège : non renseigné" in text  # the directory lacks the address
        assert "Délégué à la protection des données (DPO)" in text
        assert "Camille, DPO" in text
        assert "2 jours par mois, soit 24 jours prévus sur 12 mois" in text
        assert "350 € par jour réalisé" in text
        assert "sans marge" in text and "L.8241-1" in text and "legifrance" in text
        assert "L.8241-2" in text
        assert "Confidentialité et protection des données (RGPD)" in text
        assert "RGPD, art. 37" in text
        assert "préavis de 30 jours" in text
        assert "Litiges" in text


def test_signed_edition_has_the_signature_page_and_no_banner(pairs):
    loan = loan_between(*pairs, signed=True)
    for text in _texts(loan, signed=True):
        assert "Projet — non signée" not in text
        assert "signée par les deux organismes" in text
        assert "Claire Martin, Directrice" in text
        assert "Paul Durand, Président" in text


def test_no_rgpd_clause_for_a_technician_under_a_service_agreement(pairs):
    loan = loan_between(*pairs)
    loan.skill = Skill.objects.get(code="technicien")
    loan.save()
    loan = loan_services.edit_loan(
        pairs[0][1],
        loan,
        terms(
            cost_method="flat",
            daily_cost=Decimal("412.50"),
            vehicle=Vehicle.objects.get(code="prestation"),
        ),
    )
    docx, pdf = _texts(loan)
    for text in (docx, pdf):
        assert "RGPD" not in text
        assert "forfait de 412,50 € par jour" in text
        assert "L.8241" not in text


def test_context_is_stored_and_hashed(pairs):
    loan = loan_between(*pairs)
    document = loan.documents.get(kind="pdf")
    assert document.context == loan_documents.build_context(loan)
    assert len(document.context_hash) == 64
