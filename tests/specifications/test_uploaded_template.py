"""Administrators replace the specification's DOCX template; one that cannot be filled, or
that reaches for Python internals, is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from mutualis.specifications import publication
from mutualis.specifications.admin import SpecificationTemplateForm
from mutualis.specifications.document import SHIPPED_TEMPLATE
from mutualis.specifications.models import SpecificationDocument
from tests.specifications.factories import group, specification

pytestmark = pytest.mark.django_db


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("modele.docx", content)


def template_saying(first_line: str) -> bytes:
    template = Document(str(SHIPPED_TEMPLATE))
    template.paragraphs[0].text = first_line
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def form(content: bytes) -> SpecificationTemplateForm:
    return SpecificationTemplateForm(
        {"name": "Modèle du collectif SI", "is_active": True}, {"file": upload(content)}
    )


def test_a_broken_or_unsafe_template_is_refused_in_french(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    broken = form(b"not a docx at all")
    assert not broken.is_valid()
    assert "Ce modèle ne peut pas être rempli" in broken.errors["file"][0]
    unsafe = form(template_saying("{{ title.__class__.__mro__ }}"))
    assert not unsafe.is_valid()
    assert "fonctionnement interne" in unsafe.errors["file"][0]


def test_an_uploaded_template_fills_the_next_versions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accepted = form(template_saying("{{ title }} — modèle du collectif SI"))
    assert accepted.is_valid(), accepted.errors
    accepted.save()
    spec = specification(group())
    publication.generate_documents(None, spec)
    docx = SpecificationDocument.objects.get(specification=spec, kind="docx")
    first = Document(io.BytesIO(docx.file.read())).paragraphs[0].text
    assert first == "DUI commun 2027 — modèle du collectif SI"
