"""The real type of an uploaded file, read from its first bytes, never from its name."""

from __future__ import annotations

from typing import IO

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


def sniff(upload: IO[bytes]) -> str | None:
    """PDF, PNG or JPEG as read from the first bytes, else None; the file is left at its
    start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)
