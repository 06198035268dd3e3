"""Defaults of a new project, read from the versioned data files (data/) and computed without
the ORM: milestones from the ESMS Numérique path, risks from the frequent failure causes, and
funding tranches from a funding simulation (usage indicators: ``reference``)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from mutualis.core.reference_data import read_rows
from mutualis.grappes.funding import Simulation

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class MilestoneTemplate:
    code: str
    title: str
    offset_days: int
    per_essms: bool


@dataclass(frozen=True)
class PlannedMilestone:
    code: str
    title: str
    planned_date: datetime.date
    position: int
    essms_key: object = None  # the ESSMS a per-ESSMS milestone is about


@dataclass(frozen=True)
class RiskTemplate:
    title: str
    likelihood: int
    impact: int
    mitigation: str
    source: str


@dataclass(frozen=True)
class PlannedTranche:
    position: int
    label: str
    amount: Decimal
    expected_date: datetime.date


@cache
def milestone_templates() -> tuple[MilestoneTemplate, ...]:
    return tuple(
        MilestoneTemplate(
            row["code"], row["title"], int(row["offset_days"]), row["per_essms"] == "1"
        )
        for row in read_rows(DATA_DIR / "milestones.csv")
    )


@cache
def risk_templates() -> tuple[RiskTemplate, ...]:
    return tuple(
        RiskTemplate(
            row["title"],
            int(row["likelihood"]),
            int(row["impact"]),
            row["mitigation"],
            row["source"],
        )
        for row in read_rows(DATA_DIR / "risks.csv")
    )


def offset(code: str) -> int | None:
    return next((t.offset_days for t in milestone_templates() if t.code == code), None)


def planned_milestones(
    opened_on: datetime.date, essms: Sequence[tuple[object, str]]
) -> list[PlannedMilestone]:
    """The default milestones; ``essms`` is a list of (key, name), one deployment each."""
    planned = []
    for template in milestone_templates():
        date = opened_on + datetime.timedelta(days=template.offset_days)
        if template.per_essms:
            for key, name in essms:
                title = template.title.replace("{essms}", name)
                planned.append(PlannedMilestone(template.code, title, date, len(planned), key))
        else:
            planned.append(PlannedMilestone(template.code, template.title, date, len(planned)))
    return planned


def planned_tranches(simulation: Simulation, opened_on: datetime.date) -> list[PlannedTranche]:
    """Tranches of a simulation (percent, amount): the first expected with the "first tranche"
    milestone, the last with the final report, those between evenly spaced."""
    count = len(simulation.tranches)
    first = opened_on + datetime.timedelta(days=offset("first_tranche") or 90)
    last = opened_on + datetime.timedelta(days=offset("final_report") or 600)
    tranches = []
    for index, (percent, amount) in enumerate(simulation.tranches):
        step = (last - first) * index / (count - 1) if count > 1 else datetime.timedelta(0)
        label = f"Tranche {index + 1} ({percent:.0f} %)" if count > 1 else "Versement unique"
        tranches.append(PlannedTranche(index + 1, label, amount, first + step))
    return tranches
