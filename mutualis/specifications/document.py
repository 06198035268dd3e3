"""The specification document: one JSON-ready context read by the DOCX template (docxtpl) and
the PDF template (WeasyPrint), stored with each generated version."""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from pathlib import Path

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from mutualis.core import docx
from mutualis.grappes.models import GrappeMember
from mutualis.specifications import readiness
from mutualis.specifications.models import (
    Importance,
    Rating,
    SadMode,
    SadSector,
    Specification,
    SpecificationTemplate,
)

TEMPLATE_VERSION = "2026.1"
SHIPPED_TEMPLATE = Path(__file__).parent / "data" / f"cahier-des-charges-{TEMPLATE_VERSION}.docx"
NOT_ARBITRATED = "non arbitrée"
DRAFT_BANNER = "Projet — des exigences ne sont pas encore arbitrées"


def sad_lot_label(specification: Specification) -> str:
    """« Grand âge — SaaS », or '' while the lot is not chosen."""
    if not (specification.sad_sector and specification.sad_mode):
        return ""
    return f"{SadSector(specification.sad_sector).label} — {SadMode(specification.sad_mode).label}"


def _members(specification: Specification) -> list[dict]:
    grappe = specification.grappe
    members = (
        grappe.members.filter(status=GrappeMember.Status.ACTIVE)
        .select_related("managing_body")
        .annotate(essms=Count("establishments", filter=Q(establishments__grappe=grappe)))
    )
    rows = [
        {
            "name": member.managing_body.display_name or member.managing_body.name,
            "finess": member.managing_body.finess,
            "essms": member.essms,
            "is_carrier": member.managing_body_id == grappe.carrier_id,
        }
        for member in members
    ]
    if not any(row["is_carrier"] for row in rows):  # a carrier is a member, even if not listed
        carrier = grappe.carrier
        rows.append(
            {
                "name": carrier.display_name or carrier.name,
                "finess": carrier.finess,
                "essms": grappe.establishments.filter(member__managing_body=carrier).count(),
                "is_carrier": True,
            }
        )
    return sorted(rows, key=lambda row: (not row["is_carrier"], row["name"]))


def _domains(specification: Specification) -> list[dict]:
    items = specification.items.select_related("requirement", "proposed_by").order_by(
        "position", "pk"
    )
    domains: dict[str, list[dict]] = {}
    for item in items:
        requirement = item.requirement
        domains.setdefault(item.domain_label, []).append(
            {
                "code": item.code,
                "label": item.label,
                "description": item.description,
                "importance": Importance(item.importance).label
                if item.importance
                else NOT_ARBITRATED,
                "arbitrated": bool(item.importance),
                "reason": item.arbitration_reason,
                "own": requirement is None,
                "proposer": (
                    (item.proposed_by.display_name or item.proposed_by.name)
                    if item.proposed_by
                    else ""
                ),
                "source": requirement.source if requirement else "",
                "reliability": requirement.reliability if requirement else "",
            }
        )
    return [{"label": label, "requirements": rows} for label, rows in domains.items()]


def build_context(specification: Specification) -> dict:
    """JSON-ready data of the specification as it stands (stored and hashed with each
    document; the date is excluded from the hash)."""
    grappe = specification.grappe
    domains = _domains(specification)
    items = [item for domain in domains for item in domain["requirements"]]
    counts = Counter(item["importance"] for item in items)
    criteria = [
        {"label": c.label, "kind": c.get_kind_display(), "weight": c.weight}
        for c in specification.criteria.all()
    ]
    library = specification.library
    return {
        "uid": str(specification.uid),
        "title": specification.title,
        "grappe": grappe.name,
        "carrier": grappe.carrier.display_name or grappe.carrier.name,
        "members": _members(specification),
        "purpose": specification.purpose,
        "contract_years": specification.contract_years,
        "sad_lot": sad_lot_label(specification),
        "ars_prevalidated_on": (
            f"{specification.ars_prevalidated_on:%d/%m/%Y}"
            if specification.ars_prevalidated_on
            else ""
        ),
        "domains": domains,
        "item_count": len(items),
        "unarbitrated": counts[NOT_ARBITRATED],
        "summary": [
            {"importance": label, "count": counts[label]}
            for label in [*Importance.labels, NOT_ARBITRATED]
            if counts[label]
        ],
        "own_count": sum(1 for item in items if item["own"]),
        "criteria": criteria,
        "weights_total": sum(c["weight"] for c in criteria),
        "library": {"version": library.version, "title": library.title, "source": library.source},
    }


def context_hash(context: dict) -> str:
    payload = json.dumps(context, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def render_context(context: dict, version: int, date=None) -> dict:
    """What both templates read: the stored context and the edition's texts."""
    draft = context["unarbitrated"] > 0
    day = date or timezone.localdate()
    return {
        **context,
        "version": version,
        "draft": draft,
        "banner": DRAFT_BANNER if draft else "",
        "edition": f"Version {version} du {day:%d/%m/%Y}" + (" — projet" if draft else ""),
        "sad_lot_text": context["sad_lot"] or "non choisi",
        "purpose_text": context["purpose"] or "Non renseigné.",
    }


def current_template() -> io.BytesIO:
    """The latest active uploaded template, else the shipped one."""
    uploaded = SpecificationTemplate.objects.filter(is_active=True).first()
    if uploaded is None:
        return io.BytesIO(SHIPPED_TEMPLATE.read_bytes())
    with uploaded.file.open("rb") as file:
        return io.BytesIO(file.read())


def sample_document() -> dict:
    """A small fictitious specification, to check an uploaded template before it is used."""
    requirement = {
        "code": "DUI-01",
        "label": "Un dossier unique par usager",
        "description": "Identité, situation, entourage.",
        "importance": Importance.INDISPENSABLE.label,
        "arbitrated": True,
        "reason": "Consensus des membres.",
        "own": False,
        "proposer": "",
        "source": "Exemple de source",
        "reliability": "vérifiée",
    }
    own = {**requirement, "code": "M-01", "own": True, "proposer": "Association exemple"}
    context = {
        "uid": "00000000-0000-0000-0000-000000000000",
        "title": "Cahier des charges exemple",
        "grappe": "Grappe exemple",
        "carrier": "Association exemple",
        "members": [
            {"name": "Association exemple", "finess": "000000000", "essms": 3, "is_carrier": True}
        ],
        "purpose": "Choisir un dossier usager informatisé commun.",
        "contract_years": 5,
        "sad_lot": "Grand âge — SaaS",
        "ars_prevalidated_on": "01/01/2026",
        "domains": [{"label": "Dossier de l'usager", "requirements": [requirement, own]}],
        "item_count": 2,
        "unarbitrated": 0,
        "summary": [{"importance": Importance.INDISPENSABLE.label, "count": 2}],
        "own_count": 1,
        "criteria": [{"label": "Prix", "kind": "Prix (calculé)", "weight": 100}],
        "weights_total": 100,
        "library": {"version": "2026.1", "title": "Exigences", "source": "Exemple"},
    }
    return render_context(context, 1)


def render_docx(document: dict, template=SHIPPED_TEMPLATE) -> bytes:
    return docx.render_docx(document, template)


def render_html(document: dict) -> str:
    return render_to_string("specifications/specification_pdf.html", {"doc": document})


def render_pdf(document: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(document)).write_pdf()


def readiness_facts(specification: Specification) -> readiness.Facts:
    """What the SAD checklist reads, in a bounded number of queries."""
    grappe = specification.grappe
    items = specification.items.all()
    item_count = items.count()
    arbitrated = items.exclude(importance="").count()
    indispensable = items.filter(importance=Importance.INDISPENSABLE).count()
    rated = dict(
        Rating.objects.filter(item__specification=specification)
        .values_list("managing_body_id")
        .annotate(n=Count("pk"))
    )
    members = grappe.members.filter(status=GrappeMember.Status.ACTIVE).select_related(
        "managing_body"
    )
    weights = list(specification.criteria.values_list("weight", flat=True))
    hosting = dict(grappe.establishments.values_list("hosting_mode").annotate(n=Count("pk")))
    chosen = specification.chosen_offer
    return readiness.Facts(
        sector_label=SadSector(specification.sad_sector).label if specification.sad_sector else "",
        mode=specification.sad_mode,
        mode_label=SadMode(specification.sad_mode).label if specification.sad_mode else "",
        ars_prevalidated_on=specification.ars_prevalidated_on,
        item_count=item_count,
        member_ratings=tuple(
            (
                member.managing_body.display_name or member.managing_body.name,
                rated.get(member.managing_body_id, 0),
            )
            for member in members
        ),
        arbitrated=arbitrated,
        indispensable=indispensable,
        criteria_count=len(weights),
        weights_total=sum(weights),
        decided_on=timezone.localdate(specification.decided_at)
        if specification.decided_at
        else None,
        chosen_offer=str(chosen) if chosen else "",
        hosting={mode or "": n for mode, n in hosting.items()},
    )
