"""Every form taking a file bounds its size before reading it (the FINESS import, the signed
agreement scan, library attachments and the maturity referential have their own tests)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mutualis.agreements.admin import DocumentTemplateForm


def test_an_agreement_template_over_the_bound_is_refused_unread(settings, monkeypatch):
    settings.MUTUALIS = {**settings.MUTUALIS, "DOCUMENT_TEMPLATE_MAX_MB": 1}
    monkeypatch.setattr(
        "mutualis.core.docx.render_docx",
        lambda *args: pytest.fail("an oversized template was read"),
    )
    upload = SimpleUploadedFile("modele.docx", b"x" * (1024 * 1024 + 1))

    form = DocumentTemplateForm(data={"name": "Modèle", "is_active": True}, files={"file": upload})

    assert not form.is_valid()
    assert form.errors["file"] == ["Le modèle dépasse 1 Mo."]
