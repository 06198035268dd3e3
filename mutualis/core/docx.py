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


def check_template(upload, sample: dict, fields: str) -> None:
    """Refuse, in French, an uploaded template that is too large or that a test fill with
    ``sample`` fails (``fields``: what its tags may use, e.g. "de la convention")."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    limit = settings.MUTUALIS["DOCUMENT_TEMPLATE_MAX_MB"]
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(f"Le modèle dépasse {limit} Mo.")
    try:
        render_docx(sample, upload)
    except SecurityError as error:
        raise ValidationError(
            "Ce modèle est refusé : une de ses balises {{ … }} ou {% … %} tente d'accéder "
            "au fonctionnement interne de l'application. Utilisez uniquement les champs "
            f"{fields}."
        ) from error
    except Exception as error:  # any failure means an unusable template
        raise ValidationError(
            f"Ce modèle ne peut pas être rempli ({error}) : vérifiez le fichier DOCX et "
            "ses balises {{ … }} et {% … %}."
        ) from error
    finally:
        upload.seek(0)
