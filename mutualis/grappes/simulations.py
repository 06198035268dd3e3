"""Scenarios of a frozen funding simulation, computed from the rules and ESSMS it stored."""

from __future__ import annotations

from mutualis.grappes.funding import FundedEssms, Simulation, simulate
from mutualis.grappes.models import FundingSimulation
from mutualis.grappes.rules import Rule

SCENARIOS = [
    ("Solutions déclarées", None),
    ("Toutes référencées Ségur", True),
    ("Aucune référencée Ségur", False),
]


def scenarios(frozen: FundingSimulation) -> list[tuple[str, Simulation]]:
    """Side-by-side scenarios; a later change of the rules never alters them."""
    rules = {key: Rule.from_dict(key, data) for key, data in frozen.rules.items()}
    essms = [FundedEssms(**item) for item in frozen.essms]
    return [(label, simulate(frozen.programme, rules, essms, segur)) for label, segur in SCENARIOS]


def comparison(results: list[tuple[str, Simulation]]) -> list[tuple[str, list]]:
    """Rows of the side-by-side table: total, each tranche, what the carrier keeps."""
    first = results[0][1]
    rows = [("Total", [r.total for _, r in results])]
    for index, (percent, _) in enumerate(first.tranches):
        rows.append(
            (f"Tranche {index + 1} ({percent:.0f} %)", [r.tranches[index][1] for _, r in results])
        )
    rows.append(("Conservé par le porteur (AMOA commune)", [r.carrier_kept for _, r in results]))
    return rows
