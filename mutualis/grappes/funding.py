"""Funding simulation of a grappe, line by line, as a pure function of programme rules.

Per ESSMS: editor and usages lines by situation (acquisition or already equipped), equipment
for the ESSMS of small managing bodies (capped when the year sets a cap); per grappe: AMOA
and project management when it includes a small managing body. Then the payment tranches
and what the carrier redistributes to each member. Lines whose rule is missing for the year
are left out and reported; "to confirm" rules are flagged. An ESSMS that the eligibility
rules reject in a scenario (e.g. a non-Ségur acquisition from 2023) is excluded, never funded:
the same predicate (``eligibility.segur_failure``) decides both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from mutualis.grappes.eligibility import ACQUISITION, EQUIPPED, segur_failure
from mutualis.grappes.rules import NOT_APPLICABLE, Programme, Rules, applicable

ZERO = Decimal(0)


@dataclass(frozen=True)
class FundedEssms:
    finess: str
    name: str
    member_id: int
    member_name: str
    situation: str
    segur: bool | None  # None: unknown (no solution, or its referencing not verified)
    small_og: bool | None  # None: the programme's small-OG threshold is not loaded
    sector: str | None = None  # for the sectors exempt from Ségur referencing


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal
    rule: str
    to_confirm: bool = False


@dataclass(frozen=True)
class Excluded:
    """An ESSMS left out of the funding because an eligibility rule rejects it."""

    finess: str
    name: str
    rule: str
    message: str
    source: str = ""


@dataclass
class EssmsFunding:
    essms: FundedEssms
    lines: list[Line]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


@dataclass
class MemberShare:
    member_id: int
    member_name: str
    amount: Decimal
    tranches: list[Decimal]


@dataclass
class Simulation:
    essms: list[EssmsFunding] = field(default_factory=list)
    grappe_lines: list[Line] = field(default_factory=list)
    tranches: list[tuple[Decimal, Decimal]] = field(default_factory=list)  # (percent, amount)
    members: list[MemberShare] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((e.total for e in self.essms), ZERO) + sum(
            (line.amount for line in self.grappe_lines), ZERO
        )

    @property
    def carrier_kept(self) -> Decimal:
        """Grappe-wide lines (AMOA): kept by the carrier for the common project."""
        return sum((line.amount for line in self.grappe_lines), ZERO)


class _Lines:
    """Builds lines from the rules, remembering those that are missing."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self.missing: set[str] = set()

    def line(self, key: str, label: str | None = None) -> Line | None:
        rule = self.rules.get(key)
        if rule is None:
            self.missing.add(key)
            return None
        return Line(label or rule.label, rule.number, key, rule.reliability == "to_confirm")


def _essms_lines(lines: _Lines, programme: str, essms: FundedEssms) -> list[Line]:
    if programme in (Programme.AMORCAGE_T1, Programme.AMORCAGE_T2):
        key = "fund.new_dui" if essms.situation in ACQUISITION else "fund.upgrade"
        items = [lines.line(key)]
    elif essms.situation in ACQUISITION:
        editor = "fund.new_dui.editor.segur" if essms.segur else "fund.new_dui.editor"
        items = [lines.line(editor), lines.line("fund.new_dui.usages")]
    elif essms.situation in EQUIPPED:
        items = [lines.line("fund.equipped.usages")]
    else:
        items = []
    if essms.small_og and essms.situation:
        items.append(_equipment(lines))
    return [item for item in items if item is not None]


def _segur_unknown(programme: str, rules: Rules, essms: Sequence[FundedEssms]) -> int:
    """Acquisitions whose editor line depends on a Ségur referencing nobody knows."""
    if programme in (Programme.AMORCAGE_T1, Programme.AMORCAGE_T2):
        return 0
    if "fund.new_dui.editor.segur" not in rules:
        return 0
    return sum(item.situation in ACQUISITION and item.segur is None for item in essms)


def _equipment(lines: _Lines) -> Line | None:
    equipment = lines.line("fund.small_og.equipment")
    cap = lines.rules.get("fund.equipment.max")
    if equipment is None or cap is None or equipment.amount <= cap.number:
        return equipment
    return Line(f"{equipment.label} (plafonné)", cap.number, cap.key, equipment.to_confirm)


def simulate(
    programme: str, rules: Rules, essms: Sequence[FundedEssms], segur: bool | None = None
) -> Simulation:
    """``segur`` overrides the declared Ségur referencing (scenarios); None keeps it."""
    if not applicable(programme):
        return Simulation(notes=[NOT_APPLICABLE])
    if programme in (Programme.SONS_V1, Programme.SONS_V2):
        return Simulation(
            notes=[
                "SONS : le financement est versé directement à l'éditeur (achat pour compte), "
                "sans reste à charge ; son barème dépend du nombre d'ESSMS de l'organisme."
            ]
        )
    lines = _Lines(rules)
    if any(item.small_og is None for item in essms):
        lines.missing.add("small_og.max_essms")  # small-OG lines left out: reported
    simulation = Simulation()
    for item in essms:
        if segur is not None:
            item = FundedEssms(**{**item.__dict__, "segur": segur})
        if failure := segur_failure(rules, item.situation, item.segur, item.sector):
            simulation.excluded.append(
                Excluded(item.finess, item.name, failure.rule, failure.message, failure.source)
            )
            continue
        simulation.essms.append(EssmsFunding(item, _essms_lines(lines, programme, item)))
    if excluded := len(simulation.excluded):
        simulation.notes.append(
            f"{excluded} ESSMS non financé{'s' if excluded > 1 else ''} : les règles "
            "d'éligibilité de la campagne les écartent dans ce scénario."
        )
    if unknown := _segur_unknown(programme, rules, [e.essms for e in simulation.essms]):
        simulation.notes.append(
            f"Référencement Ségur non évaluable pour {unknown} ESSMS (solution non choisie ou "
            "référencement non vérifié) : leur ligne éditeur est comptée sans le montant "
            "« référencé Ségur » ; comparez avec le scénario « Toutes référencées Ségur »."
        )
    if any(funding.essms.small_og for funding in simulation.essms):  # funded ones only
        for key in ("fund.small_og.amoa.procurement", "fund.small_og.amoa.project"):
            line = lines.line(key)
            if line and rules[key].unit.endswith("grappe"):
                simulation.grappe_lines.append(line)
    _split(simulation, rules)
    if lines.missing:
        simulation.notes.append(
            "Barème incomplet pour cette année : " + ", ".join(sorted(lines.missing)) + "."
        )
    if any(line.to_confirm for e in simulation.essms for line in e.lines) or any(
        line.to_confirm for line in simulation.grappe_lines
    ):
        simulation.notes.append(
            "Certains montants sont à confirmer (voir la source de chaque règle)."
        )
    return simulation


def _split(simulation: Simulation, rules: Rules) -> None:
    """Payment tranches, and each member's share of each tranche (pro rata of its lines)."""
    tranche_rule = rules.get("pay.tranches")
    percents = [Decimal(p) for p in tranche_rule.items] if tranche_rule else [Decimal(100)]
    total = simulation.total
    simulation.tranches = [(p, (total * p / 100).quantize(Decimal("0.01"))) for p in percents]
    by_member: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for funding in simulation.essms:
        by_member[(funding.essms.member_id, funding.essms.member_name)] += funding.total
    simulation.members = [
        MemberShare(
            member_id,
            name,
            amount,
            [(amount * p / 100).quantize(Decimal("0.01")) for p in percents],
        )
        for (member_id, name), amount in sorted(by_member.items(), key=lambda item: item[0][1])
    ]
