"""Administrators replace the DOCX template; a template that cannot be filled is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from mutualis.agreements import services
from mutualis.agreements.admin import DocumentTemplateForm
from mutualis.agreements.documents import SHIPPED_TEMPLATE

pytestmark = pytest.mark.django_db


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("modele.docx", content)


def test_a_broken_template_is_refused_in_french():
    form = DocumentTemplateForm(
        {"name": "Modèle cassé", "is_active": True},
        {"file": upload(b"not a docx at all")},
    )
    assert not form.is_valid()
    assert "Ce modèle ne peut pas être rempli" in form.errors["file"][0]


def test_an_uploaded_template_is_used_for_the_next_versions(grappe, carrier):
    template = Document(str(SHIPPED_TEMPLATE))
    template.paragraphs[0].text = "Convention de la grappe {{ grappe }} (modèle régional)"
    buffer = io.BytesIO()
    template.save(buffer)
    form = DocumentTemplateForm(
        {"name": "Modèle régional", "is_active": True}, {"file": upload(buffer.getvalue())}
    )
    assert form.is_valid(), form.errors
    form.save()
    agreement = services.create_agreement(carrier[1], grappe)
    version = services.generate_version(carrier[1], agreement)
    first = Document(io.BytesIO(version.docx.read())).paragraphs[0].text
    assert first == "Convention de la grappe Grappe des Volcans (modèle régional)"
