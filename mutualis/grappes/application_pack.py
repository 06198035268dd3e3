"""The "dossier de candidature" of a grappe in one ZIP: the project sheet (PDF), the ESSMS
list with their FINESS ET, the funding plan (latest simulation), the members' commitments and
the calendar, plus the parts other apps register (the signed agreement, the project's
milestones).

Apps below grappes add their parts from their ``AppConfig.ready()`` with ``register``, so that
grappes never imports them (DESIGN.md §2). A part is a function ``grappe -> [PackFile]``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from mutualis.core import tabular
from mutualis.core.models import AuditLog
from mutualis.grappes import exports, selectors, simulations
from mutualis.grappes.models import Grappe, GrappeMember


@dataclass(frozen=True)
class PackFile:
    name: str  # path inside the ZIP, e.g. "convention/convention-v2.pdf"
    content: bytes
    title: str  # what the file is, in French, for the pack's index


Part = Callable[[Grappe], Iterable[PackFile]]
_PARTS: dict[str, Part] = {}


def register(key: str, part: Part) -> None:
    """Add (or replace, by ``key``) a part of every application pack."""
    _PARTS[key] = part


def registered() -> dict[str, Part]:
    return dict(_PARTS)


def filename(grappe: Grappe) -> str:
    return f"dossier-candidature-{slugify(grappe.name) or 'grappe'}-{grappe.campaign}.zip"


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """CSV in the forms French Excel reads (``core.tabular``), as bytes."""
    return "".join(tabular.csv_lines(rows)).encode("utf-8")


def build(grappe: Grappe) -> bytes:
    """The ZIP: the grappes parts first, then the registered ones, then an index
    (``LISEZMOI.txt``) naming each file."""
    files: list[PackFile] = []
    for part in (*OWN_PARTS, *_PARTS.values()):
        files.extend(part(grappe))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.name, file.content)
        archive.writestr("LISEZMOI.txt", _index(grappe, files).encode("utf-8"))
    return buffer.getvalue()


def _index(grappe: Grappe, files: list[PackFile]) -> str:
    lines = [
        f"Dossier de candidature — {grappe.name}",
        f"{grappe.get_programme_display()}, campagne {grappe.campaign}",
        f"Porteur : {grappe.carrier.display_name} (FINESS EJ {grappe.carrier.finess})",
        f"Généré le {timezone.localtime():%d/%m/%Y à %H:%M}",
        "",
        *(f"- {file.name} : {file.title}" for file in files),
    ]
    if not any(file.name.startswith("convention/") for file in files):
        lines += ["", "Aucune convention de coopération signée pour l'instant."]
    return "\n".join(lines) + "\n"


def _members(grappe: Grappe) -> list[GrappeMember]:
    return list(
        grappe.members.filter(status=GrappeMember.Status.ACTIVE)
        .select_related("managing_body")
        .order_by("managing_body__display_name")
    )


def project_sheet(grappe: Grappe) -> list[PackFile]:
    from weasyprint import HTML

    entries = selectors.active_entries(grappe)
    simulation = selectors.budget_simulation(grappe)
    members = _members(grappe)
    context = {
        "grappe": grappe,
        "members": [
            (member, sum(1 for e in entries if e.member_id == member.pk)) for member in members
        ],
        "essms": len(entries),
        "result": selectors.eligibility(grappe, entries),
        "regions": selectors.deposit_region_choices(grappe, entries),
        "simulation": simulation,
        "total": simulations.scenarios(simulation)[0][1].total if simulation else None,
        "generated_at": timezone.now(),
    }
    html = render_to_string("grappes/pack/project_sheet.html", context)
    return [PackFile("fiche-projet.pdf", HTML(string=html).write_pdf(), "fiche projet")]


def essms_list(grappe: Grappe) -> list[PackFile]:
    rows: list[list] = [
        [
            "FINESS ET",
            "ESSMS",
            "Catégorie",
            "Commune",
            "Département",
            "Région",
            "Organisme gestionnaire",
            "FINESS EJ",
            "Situation",
            "Solution DUI",
            "Référencée Ségur",
            "Hébergement",
        ]
    ]
    for entry in selectors.active_entries(grappe):
        establishment = entry.establishment
        rows.append(
            [
                establishment.finess,
                establishment.name,
                establishment.category.label if establishment.category else "",
                establishment.city,
                establishment.departement_id,
                establishment.region_id,
                entry.member.managing_body.display_name,
                entry.member.managing_body.finess,
                entry.get_situation_display(),
                str(entry.solution) if entry.solution else "",
                entry.solution.segur_referenced if entry.solution else None,
                entry.get_hosting_mode_display(),
            ]
        )
    return [PackFile("essms.csv", csv_bytes(rows), "liste des ESSMS avec leur FINESS ET")]


def funding_plan(grappe: Grappe) -> list[PackFile]:
    simulation = selectors.budget_simulation(grappe)
    if simulation is None:
        return []
    content = exports.simulation_xlsx(simulation, simulations.scenarios(simulation))
    title = (
        f"plan de financement (simulation du {timezone.localtime(simulation.created_at):%d/%m/%Y})"
    )
    return [PackFile("plan-de-financement.xlsx", content, title)]


def commitments(grappe: Grappe) -> list[PackFile]:
    entries = selectors.active_entries(grappe)
    rows: list[list] = [["Organisme", "FINESS EJ", "Rôle", "ESSMS engagés", "Membre depuis le"]]
    for member in _members(grappe):
        rows.append(
            [
                member.managing_body.display_name,
                member.managing_body.finess,
                "Porteur" if member.managing_body_id == grappe.carrier_id else "Membre",
                sum(1 for e in entries if e.member_id == member.pk),
                member.created_at.date(),
            ]
        )
    return [PackFile("engagements-des-membres.csv", csv_bytes(rows), "engagements des membres")]


HISTORY_LABELS = {
    "grappe.create": "Création de la grappe",
    "grappe.suggest": "Grappe proposée par l'acteur régional",
}


def calendar(grappe: Grappe) -> list[PackFile]:
    """The grappe's dates: creation, deposits, decisions (from its audit rows)."""
    audit = AuditLog.objects.filter(
        Q(action__in=[*HISTORY_LABELS, "grappe.status", "grappe.decision"]),
        object_type=Grappe._meta.label_lower,
        object_id=str(grappe.uid),
    ).order_by("created_at", "pk")
    rows: list[list] = [["Date", "Étape", "Motif"]]
    for row in audit:
        if row.action in HISTORY_LABELS:
            label = HISTORY_LABELS[row.action]
        else:
            status = (row.changes.get("status") or ["", ""])[1]
            name = Grappe.Status(status).label if status in Grappe.Status.values else status
            verb = "Décision" if row.action == "grappe.decision" else "État"
            label = f"{verb} : {name}"
        rows.append([row.created_at, label, row.changes.get("reason", "")])
    return [PackFile("calendrier.csv", csv_bytes(rows), "calendrier de la grappe")]


OWN_PARTS: tuple[Part, ...] = (project_sheet, essms_list, funding_plan, commitments, calendar)
