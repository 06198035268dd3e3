"""Checks on attached documents: the type is read from the content, never from the name.

Accepted: PDF, PNG, JPEG, and the office formats DOCX, XLSX, ODT (ZIP archives recognised by
their parts; documents with macros are refused). No ORM here.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

from mutualis.core import uploads

DEFAULT_MAX_MB = 10
MAX_PER_REPORT = 10
PDF, PNG, JPEG = uploads.PDF, uploads.PNG, uploads.JPEG
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
LABELS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG", DOCX: "DOCX", XLSX: "XLSX", ODT: "ODT"}
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx", ODT: "odt"}
ACCEPT = ",".join(f".{ext}" for ext in [*EXTENSIONS.values(), "jpeg"])
ACCEPTED = "PDF, DOCX, XLSX, ODT, PNG ou JPEG"


def max_megabytes() -> int:
    return settings.MUTUALIS.get("LIBRARY_ATTACHMENT_MAX_MB", DEFAULT_MAX_MB)


def _office_type(upload: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                return ODT if archive.read("mimetype").strip() == ODT.encode() else None
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def detect_type(upload: IO[bytes]) -> str | None:
    """The content type read from the first bytes (and the parts of an office document)."""
    kind = uploads.sniff(upload)
    if kind is None and upload.read(4) == b"PK\x03\x04":
        kind = _office_type(upload)
    upload.seek(0)
    return kind


def check(upload) -> str:
    """The content type of an acceptable upload, or a ValidationError in French."""
    limit = max_megabytes()
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(
            f"Le fichier « {upload.name} » dépasse {limit} Mo : réduisez-le ou découpez-le."
        )
    if upload.size == 0:
        raise ValidationError(f"Le fichier « {upload.name} » est vide.")
    kind = detect_type(upload)
    if kind is None:
        raise ValidationError(
            f"Le fichier « {upload.name} » n'est pas d'un type accepté : déposez un document "
            f"{ACCEPTED} (sans macros)."
        )
    return kind


def download_name(original: str, content_type: str) -> str:
    """The original name with the extension of its real type."""
    stem = original.rsplit(".", 1)[0] if "." in original else original
    safe = "".join(c if c.isalnum() or c in "-_ " else "-" for c in stem).strip() or "document"
    return f"{safe[:100]}.{EXTENSIONS[content_type]}"
