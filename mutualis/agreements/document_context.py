"""The data an agreement is generated from, read from the grappe (never retyped).

``build`` returns a JSON-ready dict stored with each version (so a version can be re-read
and compared later) and used by both the DOCX and the PDF renderers.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils import timezone

from mutualis.agreements import calendar
from mutualis.agreements.models import Agreement, AgreementParty
from mutualis.agreements.wording import count
from mutualis.directory.models import HostingMode, ManagingBody
from mutualis.grappes import selectors as grappe_selectors
from mutualis.grappes import simulations
from mutualis.grappes.eligibility import ACQUISITION, SITUATIONS
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.grappes.rules import Programme
from mutualis.maturity.models import Dimension

WEAK_DIMENSION = 2.0  # a shared assessment's dimension under this palier is a stake
NOT_GIVEN = "non renseigné"  # a fact the directory does not hold: never invented


def _address(body: ManagingBody) -> str:
    town = " ".join(part for part in (body.postal_code, body.city) if part)
    return ", ".join(part for part in (body.street, town) if part) or NOT_GIVEN  # le siège


def body_identity(body: ManagingBody) -> dict:
    """The legal identity of a managing body as the directory (FINESS) holds it, "non
    renseigné(e)" for what it lacks (also read by other conventions, e.g. sharing loans)."""
    return {
        "legal_name": body.official_name or "non renseignée",  # la raison sociale
        "siren": body.siren or NOT_GIVEN,
        "address": _address(body),
    }


def _party(body: ManagingBody, party: AgreementParty | None) -> dict:
    """The identity of a member as a party: from the directory (FINESS), and the
    representative its administrator entered."""
    return {
        **body_identity(body),
        "representative": party.representative if party else "",
        "capacity": party.capacity if party else "",
    }


def euros(amount: Decimal | float | int) -> str:
    return f"{floatformat(amount, '0g')} €"


def _stakes(grappe: Grappe, member_names: dict[int, str]) -> dict:
    """Weak dimensions of the members' shared assessments: common when most members share
    them, specific otherwise."""
    weak: dict[str, set[str]] = {}
    assessed = set()
    labels: dict[str, str] = {}
    for share in grappe.shared_assessments.select_related("assessment"):
        assessment = share.assessment
        if assessment.managing_body_id not in member_names:
            continue
        assessed.add(assessment.managing_body_id)
        if not labels:
            labels = dict(
                Dimension.objects.filter(referential=assessment.referential_id).values_list(
                    "code", "label"
                )
            )
        for code, score in (assessment.dimension_scores or {}).items():
            if score is not None and score < WEAK_DIMENSION:
                weak.setdefault(code, set()).add(member_names[assessment.managing_body_id])
    common = sorted(code for code, names in weak.items() if 2 * len(names) > len(assessed))
    specific = sorted(
        (name, labels.get(code, code))
        for code, names in weak.items()
        if code not in common
        for name in names
    )
    return {
        "assessed": len(assessed),
        "common": [labels.get(code, code) for code in common],
        "specific": [{"member": name, "stake": stake} for name, stake in specific],
    }


def _budget(grappe: Grappe) -> dict | None:
    frozen = grappe_selectors.budget_simulation(grappe)
    if frozen is None:
        return None
    result = simulations.scenarios(frozen)[0][1]
    return {
        "date": f"{frozen.created_at:%d/%m/%Y}",
        "total": euros(result.total),
        "carrier_kept": euros(result.carrier_kept),
        "tranches": [
            {"number": i + 1, "percent": f"{percent:.0f} %", "amount": euros(amount)}
            for i, (percent, amount) in enumerate(result.tranches)
        ],
        "members": {
            str(share.member_id): {
                "amount": euros(share.amount),
                "tranches": [euros(amount) for amount in share.tranches],
            }
            for share in result.members
        },
    }


def build(grappe: Grappe, agreement: Agreement | None = None) -> dict:
    parties = {p.member_id: p for p in agreement.parties.all()} if agreement is not None else {}
    members = list(
        grappe.members.filter(status=GrappeMember.Status.ACTIVE)
        .select_related("managing_body")
        .order_by("managing_body__display_name")
    )
    names = {m.managing_body_id: m.managing_body.display_name for m in members}
    entries = [e for e in grappe_selectors.entries(grappe) if e.member.managing_body_id in names]
    budget = _budget(grappe)
    hosting = dict(HostingMode.choices)
    rows = []
    for member in members:
        body = member.managing_body
        own = [e for e in entries if e.member_id == member.pk]
        share = (budget or {}).get("members", {}).get(str(body.pk))
        rows.append(
            {
                "name": body.display_name,
                "finess": body.finess,
                "city": body.city,
                "is_carrier": body.pk == grappe.carrier_id,
                **_party(body, parties.get(member.pk)),
                "amount": share["amount"] if share else "",
                "establishments": [
                    {
                        "finess": e.establishment.finess,
                        "name": e.establishment.name,
                        "category": str(e.establishment.category or ""),
                        "city": e.establishment.city,
                        "situation": SITUATIONS.get(e.situation, "À préciser"),
                        "solution": str(e.solution) if e.solution else "À choisir",
                        "hosting": hosting.get(e.hosting_mode, "À préciser"),
                    }
                    for e in own
                ],
            }
        )
    situations = Counter(e.situation for e in entries)
    return {
        "grappe": grappe.name,
        "campaign": grappe.campaign,
        "programme": dict(Programme.CHOICES).get(grappe.programme, grappe.programme),
        "carrier": {"name": grappe.carrier.display_name, "finess": grappe.carrier.finess},
        "members": rows,
        "member_count": len(rows),
        "essms_count": len(entries),
        "qualification": {
            "acquisition": sum(n for s, n in situations.items() if s in ACQUISITION),
            "upgrade": sum(n for s, n in situations.items() if s not in ACQUISITION and s),
            "solutions": sorted({str(e.solution) for e in entries if e.solution}),
            "hostings": sorted({hosting[e.hosting_mode] for e in entries if e.hosting_mode}),
        },
        "stakes": _stakes(grappe, names),
        "budget": budget,
        "calendar": calendar.as_rows(calendar.steps(grappe)),
        "date": f"{timezone.localdate():%d/%m/%Y}",
    }


def field_values(context: dict) -> dict[str, str]:
    """Values of the clause fields (see ``clauses.FIELDS``)."""
    budget = context["budget"]
    return {
        "grappe": context["grappe"],
        "programme": context["programme"],
        "campagne": str(context["campaign"]),
        "porteur": context["carrier"]["name"],
        "porteur_finess": context["carrier"]["finess"],
        "nombre_membres": str(context["member_count"]),
        "nombre_essms": str(context["essms_count"]),
        "organismes": count(
            context["member_count"], "organisme gestionnaire", "organismes gestionnaires"
        ),
        "etablissements": count(
            context["essms_count"],
            "établissement ou service social ou médico-social (ESSMS)",
            "établissements et services sociaux et médico-sociaux (ESSMS)",
        ),
        "montant_total": budget["total"] if budget else "(simulation de financement à faire)",
        "tranches": " puis ".join(t["percent"] for t in budget["tranches"]) if budget else "—",
        "date": context["date"],
    }
