"""The agreement as DOCX (docxtpl) and PDF (WeasyPrint), both from the same context."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import IO

from django.template.loader import render_to_string

from mutualis.agreements import clauses as fields
from mutualis.agreements.document_context import field_values
from mutualis.agreements.referential import DATA, LIBRARY_VERSION
from mutualis.agreements.wording import a, count
from mutualis.core import docx

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
    shared_by = count(stakes["assessed"], "membre", "membres")
    lines = [f"D'après les autodiagnostics partagés par {shared_by}."]
    if stakes["common"]:
        lines.append(f"Enjeux communs : {', '.join(stakes['common'])}.")
    by_member: dict[str, list[str]] = {}
    for item in stakes["specific"]:
        by_member.setdefault(item["member"], []).append(item["stake"])
    lines += [
        f"Enjeux propres {a(name)} : {', '.join(items)}." for name, items in by_member.items()
    ]
    return lines


def _party(member: dict) -> str:
    """A member as a party, with what the directory holds and its representative; versions
    generated before parties were identified lack these keys."""
    if "siren" not in member:
        carrier = ", porteur de la grappe" if member["is_carrier"] else ""
        return f"{member['name']}, FINESS juridique {member['finess']}{carrier}"
    text = (
        f"{member['name']} (raison sociale : {member['legal_name']}), FINESS juridique "
        f"{member['finess']}, SIREN {member['siren']}, siège : {member['address']}, représentant : "
    )
    text += (
        f"{member['representative']}, {member['capacity']}"
        if member["representative"]
        else "non désigné"
    )
    return text + (", porteur de la grappe" if member["is_carrier"] else "")


def _calendar_text(rows: list[dict] | None) -> str:
    if rows is None:
        return (
            "Le suivi de projet de la grappe n'est pas encore ouvert : les dates seront celles "
            "de ses jalons, fixées à son ouverture."
        )
    return "" if rows else "Le suivi de projet de la grappe ne compte encore aucun jalon."


def _edition(context: dict, version: int, draft: bool, signatures: dict | None) -> str:
    """The line under the title: which version, of when, and whether it is signed."""
    line = f"Version {version} du {context['date']}"
    if draft:
        return f"{line} — projet, non signé"
    if signatures:
        last = max(
            (s["signed_on"] for s in signatures.values()),
            key=lambda day: datetime.datetime.strptime(day, "%d/%m/%Y"),
        )
        return f"{line}, signée par tous les membres (dernière signature le {last})"
    return f"{line}, soumise à la signature des membres"


def render_context(
    clauses: list[dict],
    context: dict,
    version: int,
    draft: bool,
    signatures: dict[str, dict] | None = None,
) -> dict:
    """What both templates read: the stored context, the filled clauses and derived texts.

    ``signatures`` (FINESS juridique -> signatory, capacity, signed_on as JJ/MM/AAAA) fill the
    signature page of the signed edition; without them its lines name the representatives."""
    values = field_values(context)
    articles = [
        {
            "key": clause["key"],
            "title": clause["title"],
            "paragraphs": fields.paragraphs(fields.fill(clause["text"], values)),
        }
        for clause in clauses
    ]
    amendment = context.get("amendment")
    signed = signatures or {}
    return {
        **context,
        "version": version,
        "draft": draft,
        "title": (
            f"Avenant n° {amendment['number']} à la convention de coopération"
            if amendment
            else "Convention de coopération"
        ),
        "edition": _edition(context, version, draft, signatures),
        "amendment": amendment,
        "parties": [_party(member) for member in context["members"]],
        "members_text": (
            count(context["member_count"], "organisme gestionnaire", "organismes gestionnaires")
            + ", "
            + count(context["essms_count"], "ESSMS", "ESSMS")
            + "."
        ),
        "calendar": context.get("calendar"),
        "calendar_text": _calendar_text(context.get("calendar")),
        "signature_rows": [
            {
                "name": member["name"],
                "signatory": (
                    f"{signed[member['finess']]['signatory']}, "
                    f"{signed[member['finess']]['capacity']}"
                    if member["finess"] in signed
                    else ", ".join(
                        part
                        for part in (member.get("representative"), member.get("capacity"))
                        if part
                    )
                ),
                "signed_on": signed.get(member["finess"], {}).get("signed_on", ""),
                "signed": member["finess"] in signed,
            }
            for member in context["members"]
        ],
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


def render_docx(document: dict, template: Path | IO[bytes] = SHIPPED_TEMPLATE) -> bytes:
    """Fill a docxtpl template; ``SecurityError`` if it reaches for Python internals."""
    return docx.render_docx(document, template)


def render_html(document: dict) -> str:
    return render_to_string("agreements/document.html", {"doc": document})


def render_pdf(document: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(document)).write_pdf()
