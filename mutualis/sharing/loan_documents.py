"""The convention de mise à disposition as DOCX (docxtpl) and PDF (WeasyPrint), both from one
stored context, with the agreements' machinery (sandboxed DOCX rendering, party identity)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from mutualis.agreements import documents as agreement_documents
from mutualis.agreements.document_context import body_identity, euros
from mutualis.sharing import loan_clauses, loan_rules

TEMPLATE_VERSION = "2026.1"
SHIPPED_TEMPLATE = (
    Path(__file__).parent / "data" / f"convention-mise-a-disposition-{TEMPLATE_VERSION}.docx"
)
DRAFT_BANNER = "Projet — non signée"


def days_label(value: Decimal | None) -> str:
    """'1,5 jour', '2 jours' (French: singular below two); '' when not counted."""
    if value is None:
        return ""
    number = f"{value.normalize():f}".replace(".", ",")
    return f"{number} {'jour' if value < 2 else 'jours'}"


def _money(value: Decimal) -> str:
    return euros(value) if value == value.to_integral() else f"{value:.2f} €".replace(".", ",")


def _party(body) -> dict:
    return {"name": body.display_name, "finess": body.finess, **body_identity(body)}


def build_context(loan) -> dict:
    """JSON-ready data of the loan as it stands: stored with each document (hash, re-reading)."""
    months = len(loan_rules.months_of(loan.starts_on, loan.ends_on))
    planned = loan_rules.planned_days(loan.days_per_month, loan.starts_on, loan.ends_on)
    return {
        "uid": str(loan.uid),
        "provider": _party(loan.provider),
        "beneficiary": _party(loan.beneficiary),
        "skill": loan.skill.label,
        "skill_code": loan.skill.code,
        "skill_kind": loan.skill.kind,
        "resource": loan.resource,
        "person_label": loan.person_label,
        "days_per_month": days_label(loan.days_per_month),
        "months": months,
        "planned_days": days_label(planned),
        "planned_cost": _money(planned * loan.daily_cost) if planned is not None else "",
        "daily_cost": _money(loan.daily_cost),
        "cost_method": loan.cost_method,
        "cost_method_label": loan.get_cost_method_display(),
        "starts_on": f"{loan.starts_on:%d/%m/%Y}",
        "ends_on": f"{loan.ends_on:%d/%m/%Y}",
        "notice_days": loan.notice_days,
        "vehicle": {
            "code": loan.vehicle.code,
            "label": loan.vehicle.label,
            "legal_basis": loan.vehicle.legal_basis,
            "source_url": loan.vehicle.source_url,
        },
        "date": f"{timezone.localdate():%d/%m/%Y}",
    }


def _party_line(party: dict) -> str:
    return (
        f"{party['name']} (raison sociale : {party['legal_name']}), FINESS juridique "
        f"{party['finess']}, SIREN {party['siren']}, siège : {party['address']}"
    )


def render_context(
    context: dict, version: int, draft: bool, signatures: dict[str, dict] | None = None
) -> dict:
    """What both templates read. ``signatures``: FINESS juridique -> signer, capacity,
    signed_on (JJ/MM/AAAA), for the signed edition's signature page."""
    signed = signatures or {}
    edition = f"Version {version} du {context['date']}"
    if draft:
        edition += " — projet, non signée"
    elif signed:
        last = max(
            (s["signed_on"] for s in signed.values()),
            key=lambda day: datetime.datetime.strptime(day, "%d/%m/%Y"),
        )
        edition += f", signée par les deux organismes (dernière signature le {last})"
    rows = []
    for role, key in (("Organisme prêteur", "provider"), ("Organisme bénéficiaire", "beneficiary")):
        party = context[key]
        signature = signed.get(party["finess"], {})
        rows.append(
            {
                "role": role,
                "name": party["name"],
                "signatory": (
                    f"{signature['signer']}, {signature['capacity']}" if signature else ""
                ),
                "signed_on": signature.get("signed_on", ""),
                "signed": bool(signature),
            }
        )
    return {
        **context,
        "title": "Convention de mise à disposition",
        "version": version,
        "draft": draft,
        "banner": DRAFT_BANNER if draft else "",
        "edition": edition,
        "parties": [
            f"{_party_line(context['provider'])}, ci-après « l'organisme prêteur »",
            f"{_party_line(context['beneficiary'])}, ci-après « l'organisme bénéficiaire »",
        ],
        "articles": loan_clauses.articles(context),
        "signature_rows": rows,
    }


def render_docx(document: dict, template=SHIPPED_TEMPLATE) -> bytes:
    return agreement_documents.render_docx(document, template)


def render_html(document: dict) -> str:
    return render_to_string("sharing/loan_document.html", {"doc": document})


def render_pdf(document: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(document)).write_pdf()
