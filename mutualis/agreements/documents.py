"""The agreement as DOCX (docxtpl) and PDF (WeasyPrint), both from the same context."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import IO

from django.template.loader import render_to_string
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from mutualis.agreements import clauses as fields
from mutualis.agreements.document_context import field_values
from mutualis.agreements.referential import DATA, LIBRARY_VERSION

SHIPPED_TEMPLATE = DATA / f"convention-{LIBRARY_VERSION}.docx"
ANNEX_PREFIX = "Annexe"  # clauses titled "Annexe …" come after the generated annexes


def context_hash(clauses: list[dict], context: dict) -> str:
    payload = json.dumps({"clauses": clauses, "context": context}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _qualification(context: dict) -> str:
    q = context["qualification"]
    text = (
        f"{q['acquisition']} ESSMS en acquisition ou remplacement du DUI, {q['upgrade']} en "
        "montée de version ou déjà conformes."
    )
    if q["hostings"]:
        text += f" Hébergement : {', '.join(q['hostings'])}."
    if q["solutions"]:
        text += f" Éditeur et solution : {', '.join(q['solutions'])}."
    return text


def _stakes(context: dict) -> list[str]:
    stakes = context["stakes"]
    if not stakes["assessed"]:
        return [
            "Aucun membre n'a encore partagé son autodiagnostic de maturité avec la grappe : "
            "les enjeux seront précisés par avenant."
        ]
    lines = [f"D'après les autodiagnostics partagés par {stakes['assessed']} membre(s)."]
    if stakes["common"]:
        lines.append(f"Enjeux communs : {', '.join(stakes['common'])}.")
    by_member: dict[str, list[str]] = {}
    for item in stakes["specific"]:
        by_member.setdefault(item["member"], []).append(item["stake"])
    lines += [f"Enjeux propres à {name} : {', '.join(items)}." for name, items in by_member.items()]
    return lines


def render_context(clauses: list[dict], context: dict, version: int, draft: bool) -> dict:
    """What both templates read: the stored context, the filled clauses and derived texts."""
    values = field_values(context)
    articles = [
        {
            "key": clause["key"],
            "title": clause["title"],
            "paragraphs": fields.paragraphs(fields.fill(clause["text"], values)),
        }
        for clause in clauses
    ]
    return {
        **context,
        "version": version,
        "draft": draft,
        "articles": [a for a in articles if not a["title"].startswith(ANNEX_PREFIX)],
        "annexes": [a for a in articles if a["title"].startswith(ANNEX_PREFIX)],
        "rows": [
            {"member": member["name"], **essms}
            for member in context["members"]
            for essms in member["establishments"]
        ],
        "qualification_text": _qualification(context),
        "stakes_text": _stakes(context),
    }


class _DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for DOCX templates uploaded in the admin: no Python internals, no mutation.

    The stock sandbox turns an unsafe attribute into an undefined value that prints as
    nothing; here it raises, so the admin's test fill refuses such a template outright.
    """

    def unsafe_undefined(self, obj: object, attribute: str):
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe"
        )


def render_docx(document: dict, template: Path | IO[bytes] = SHIPPED_TEMPLATE) -> bytes:
    """Fill a docxtpl template; ``SecurityError`` if it reaches for Python internals."""
    from docxtpl import DocxTemplate

    docx = DocxTemplate(template)
    docx.render(document, jinja_env=_DocumentEnvironment(autoescape=True))
    output = io.BytesIO()
    docx.save(output)
    return output.getvalue()


def render_html(document: dict) -> str:
    return render_to_string("agreements/document.html", {"doc": document})


def render_pdf(document: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(document)).write_pdf()
