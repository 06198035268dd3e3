"""DOCX documents filled by docxtpl in a Jinja sandbox, for templates non-developers edit in
Word (and administrators may upload)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for DOCX templates: no Python internals, no mutation.

    The stock sandbox turns an unsafe attribute into an undefined value that prints as
    nothing; here it raises, so a test fill refuses such a template outright.
    """

    def unsafe_undefined(self, obj: object, attribute: str):
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe"
        )


def render_docx(document: dict, template: Path | IO[bytes]) -> bytes:
    """Fill a docxtpl template with ``document``; ``SecurityError`` if the template reaches
    for Python internals."""
    from docxtpl import DocxTemplate

    docx = DocxTemplate(template)
    docx.render(document, jinja_env=DocumentEnvironment(autoescape=True))
    output = io.BytesIO()
    docx.save(output)
    return output.getvalue()
