"""Downloads of a grappe: the name of every file (``file_name``) and the XLSX export of a
funding simulation (a summary, then one sheet of lines per scenario)."""

from __future__ import annotations

from django.utils.text import slugify

from mutualis.core import tabular
from mutualis.grappes.funding import Simulation
from mutualis.grappes.models import FundingSimulation

NAME_MAX = 60  # characters of the grappe's name kept in a file name


def file_name(grappe, kind: str, ext: str, detail: str = "") -> str:
    """The name of a file downloaded from a grappe, after its name, never its uid:
    ``simulation-grappe-du-bugey-2024-20261203-0912.xlsx``, ``convention-grappe-du-bugey-v2.pdf``.
    ``kind`` says what the file is, ``detail`` tells apart files of the same kind."""
    name = slugify(grappe.name)[:NAME_MAX].strip("-") or "grappe"
    parts = [slugify(kind), name, slugify(detail)]
    return "-".join(part for part in parts if part) + f".{ext}"


def _lines(simulation: Simulation) -> list[list]:
    rows = [["FINESS", "ESSMS", "Organisme", "Ligne", "Montant (€)", "Règle", "À confirmer"]]
    for funding in simulation.essms:
        for line in funding.lines:
            rows.append(
                [
                    funding.essms.finess,
                    funding.essms.name,
                    funding.essms.member_name,
                    line.label,
                    tabular.Money(line.amount),
                    line.rule,
                    line.to_confirm,
                ]
            )
    for line in simulation.grappe_lines:
        rows.append(
            ["", "Grappe", "", line.label, tabular.Money(line.amount), line.rule, line.to_confirm]
        )
    return rows


def simulation_xlsx(frozen: FundingSimulation, scenarios: list[tuple[str, Simulation]]) -> bytes:
    """The workbook: amounts as euros, the date in Paris time, column widths fitted, one
    column per payment tranche the rules define (none when they define none)."""
    tranches = max((len(s.tranches) for _, s in scenarios), default=0)
    percents = next((s.tranches for _, s in scenarios if len(s.tranches) == tranches), [])
    summary = [
        ["Grappe", frozen.grappe.name],
        ["Programme", frozen.get_programme_display()],
        ["Campagne", frozen.campaign],
        ["Simulation du (heure de Paris)", frozen.created_at],
        [],
        [
            "Scénario",
            "Total (€)",
            *(f"Tranche {i + 1} – {percent:.0f} % (€)" for i, (percent, _) in enumerate(percents)),
        ],
    ]
    for label, simulation in scenarios:
        amounts = [tabular.Money(a) for _, a in simulation.tranches]
        summary.append(
            [label, tabular.Money(simulation.total), *amounts, *[None] * (tranches - len(amounts))]
        )
    summary += [[], ["Organisme", *(f"{label} (€)" for label, _ in scenarios)]]
    members = {m.member_name for _, s in scenarios for m in s.members}
    for name in sorted(members):
        summary.append(
            [
                name,
                *(
                    tabular.Money(sum(m.amount for m in s.members if m.member_name == name))
                    for _, s in scenarios
                ),
            ]
        )
    return tabular.xlsx_sheets(
        [
            tabular.Sheet("Synthèse", summary, header=False),
            *((label, _lines(simulation)) for label, simulation in scenarios),
        ]
    )
