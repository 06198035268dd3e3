"""The draft banner is on drafts only; the version submitted for signature has none; once
every member signed, its signed edition (PDF and DOCX) carries its generation date — not the
day of download — and a signature page naming who signed, in which capacity, on which date.
File names carry the grappe's name and the version."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements import services
from tests.agreements.conftest import sign_all
from tests.agreements.documents_read import docx_text, pdf_text

pytestmark = pytest.mark.django_db
BANNER = "Projet — version"


@pytest.fixture
def admins(carrier, partner):
    return {carrier[0].pk: carrier[1], partner[0].pk: partner[1]}


def generated_on(monkeypatch, day: datetime.date):
    """Generate as if on ``day`` (the documents' date is the version's generation date)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)


def test_only_drafts_carry_the_banner(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    draft = services.generate_version(carrier[1], agreement)
    assert "Projet — version 1, non signée" in pdf_text(draft.pdf)
    assert "Projet — version 1, non signée" in docx_text(draft.docx)
    services.submit_for_review(carrier[1], agreement)
    submitted = agreement.versions.get(number=2)
    assert not submitted.draft
    for content in (pdf_text(submitted.pdf), docx_text(submitted.docx)):
        assert BANNER not in content and "non signé" not in content
        assert "soumise à la signature des membres" in content


def test_the_signed_edition_says_who_signed_when_and_keeps_its_date(
    grappe, carrier, partner, admins, monkeypatch, client
):
    agreement = services.create_agreement(carrier[1], grappe)
    generated_on(monkeypatch, datetime.date(2026, 3, 2))
    services.submit_for_review(carrier[1], agreement)
    monkeypatch.undo()
    march = timezone.make_aware(datetime.datetime(2026, 3, 2, 10))
    agreement.versions.update(created_at=march)
    sign_all(agreement, admins, signed_on=datetime.date(2026, 3, 9))
    assert agreement.status == "signed"
    version = agreement.versions.get()
    assert version.signed_at is not None
    for content in (pdf_text(version.signed_pdf), docx_text(version.signed_docx)):
        assert "Version 1 du 02/03/2026, signée par tous les membres" in content
        assert BANNER not in content and "projet, non signé" not in content
        assert "Signataire de Association des Volcans, Directeur général" in content
        assert "Signataire de Fondation du Puy, Directeur général" in content
        assert "09/03/2026" in content
        assert f"Version 1 du {timezone.localdate():%d/%m/%Y}" not in content

    client.force_login(partner[1])
    pdf = client.get(reverse("agreements:download", args=[grappe.uid, 1, "pdf"]))
    assert pdf["Content-Disposition"].endswith('convention-grappe-des-volcans-v1-signee.pdf"')
    docx = client.get(reverse("agreements:download", args=[grappe.uid, 1, "docx"]))
    assert docx["Content-Disposition"].endswith('convention-grappe-des-volcans-v1-signee.docx"')


def test_a_draft_downloads_under_the_grappe_s_name_and_version(grappe, carrier, client):
    agreement = services.create_agreement(carrier[1], grappe)
    services.generate_version(carrier[1], agreement)
    services.generate_version(carrier[1], agreement)
    client.force_login(carrier[1])
    pdf = client.get(reverse("agreements:download", args=[grappe.uid, 2, "pdf"]))
    assert pdf["Content-Disposition"].endswith('filename="convention-grappe-des-volcans-v2.pdf"')
    assert agreement.versions.get(number=2).pdf.name.endswith(
        "convention-grappe-des-volcans-v2.pdf"
    )
