"""Read generated documents back: the text of a DOCX (paragraphs, tables, header) and of a
PDF (pages, margins included)."""

import io

from docx import Document
from pypdf import PdfReader


def docx_text(file) -> str:
    file.open("rb")
    document = Document(io.BytesIO(file.read()))
    file.close()
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    header = [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(header + [p.text for p in document.paragraphs] + cells)


def pdf_text(file) -> str:
    file.open("rb")
    reader = PdfReader(io.BytesIO(file.read()))
    file.close()
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
