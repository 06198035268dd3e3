"""XLSX export of a funding simulation: a summary, then one sheet of lines per scenario."""

from __future__ import annotations

from mutualis.core import tabular
from mutualis.grappes.funding import Simulation
from mutualis.grappes.models import FundingSimulation


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
    summary = [
        ["Grappe", frozen.grappe.name],
        ["Programme", frozen.get_programme_display()],
        ["Campagne", frozen.campaign],
        ["Simulation du", frozen.created_at],
        [],
        ["Scénario", "Total (€)", *(f"Tranche {i + 1} (€)" for i in range(3))],
    ]
    for label, simulation in scenarios:
        summary.append(
            [
                label,
                tabular.Money(simulation.total),
                *(tabular.Money(a) for _, a in simulation.tranches),
            ]
        )
    summary += [[], ["Organisme", *(label for label, _ in scenarios)]]
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
