"""Attached documents: type read from the content (PDF, DOCX, XLSX, ODT, PNG, JPEG), size
limit, French refusals, downloads through a permission check only."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from mutualis.library import attachments
from mutualis.library.models import Attachment
from tests.factories import UserFactory, regional_actor
from tests.library.conftest import publish, write_report
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes(macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Cahier des charges commun")
    document.save(buffer)
    if not macro:
        return buffer.getvalue()
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\x00" * 16)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", attachments.ODT)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


ACCEPTED = [
    ("bilan.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", attachments.PDF),
    ("schema.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, attachments.PNG),
    ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, attachments.JPEG),
    ("cahier.docx", docx_bytes(), attachments.DOCX),
    ("budget.xlsx", xlsx_bytes(), attachments.XLSX),
    ("convention.odt", odt_bytes(), attachments.ODT),
]
NOT_ACCEPTED = "n'est pas d'un type accepté : déposez un document PDF, DOCX, XLSX, ODT, PNG ou JPEG"
REFUSED = [
    ("faux.pdf", b"Ceci est un texte, pas un PDF.", NOT_ACCEPTED),
    ("programme.docx", b"MZ\x90\x00" + b"\x00" * 32, NOT_ACCEPTED),
    ("macros.docx", docx_bytes(macro=True), NOT_ACCEPTED),
    ("archive.zip", b"PK\x03\x04" + b"\x00" * 64, NOT_ACCEPTED),
    ("vide.pdf", b"", "Le fichier soumis est vide."),
]


def upload(client, report, name, content):
    return client.post(
        f"/retours-experience/{report.uid}/documents/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED)
def test_accepted_types_are_recognised_by_their_content(client, author, name, content, kind):
    report = write_report(author)
    client.force_login(author)
    response = upload(client, report, name, content)
    assert "Document joint." in text(response)
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.original_name) == (kind, name)
    assert attachment.size == len(content)
    assert name not in attachment.file.name  # stored under a random name


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_other_content_is_refused_in_french(client, author, name, content, message):
    report = write_report(author)
    client.force_login(author)
    page = text(upload(client, report, name, content))
    assert not Attachment.objects.exists()
    assert message in page


def test_files_above_the_limit_are_refused(client, author, settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "LIBRARY_ATTACHMENT_MAX_MB": 1}
    report = write_report(author)
    client.force_login(author)
    page = text(upload(client, report, "gros.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024)))
    assert "Le fichier « gros.pdf » dépasse 1 Mo" in page
    assert not Attachment.objects.exists()
    assert "1 Mo au plus" in page


def test_only_the_author_attaches_and_removes(client, author):
    report = write_report(author)
    client.force_login(UserFactory())
    assert upload(client, report, "bilan.pdf", ACCEPTED[0][1]).status_code == 403
    client.force_login(author)
    upload(client, report, "bilan.pdf", ACCEPTED[0][1])
    attachment = Attachment.objects.get()
    path = attachment.file.path
    client.post(f"/retours-experience/{report.uid}/documents/{attachment.uid}/retirer/")
    assert not Attachment.objects.exists()
    assert not os.path.exists(path)


def test_downloads_follow_the_report_visibility(client, author):
    report = write_report(author, region="84")
    client.force_login(author)
    upload(client, report, "Bilan final.pdf", ACCEPTED[0][1])
    attachment = Attachment.objects.get()
    link = f"/retours-experience/{report.uid}/documents/{attachment.uid}/"
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Bilan final.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == ACCEPTED[0][1]
    client.logout()
    assert client.get(link).status_code == 403  # a draft's document
    assert attachment.file.url not in text(client.get("/retours-experience/"))
    publish(report, regional_actor("84"))
    assert client.get(link).status_code == 200
    page = text(client.get(f"/retours-experience/{report.uid}/"))
    assert link in page
    assert "/media/" not in page
