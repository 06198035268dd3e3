"""QR codes as SVG, drawn server-side (segno, pure Python)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, title: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=8, border=2, title=title, xmldecl=False, dark="#161616"
    )
    return buffer.getvalue()
