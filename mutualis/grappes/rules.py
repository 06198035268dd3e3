"""Programme rules as plain values for the pure modules (eligibility, funding).

A rule is valid for a programme and a range of campaign years; its value is text, read here
as a number, a yes/no or a list. Loaded from data/programme-rules.csv, edited by national
administrators; a simulation stores the rules it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class Programme:
    AMORCAGE_T1 = "amorcage_t1"
    AMORCAGE_T2 = "amorcage_t2"
    GENERALISATION = "generalisation"
    SONS_V1 = "sons_v1"
    CHOICES = [
        (GENERALISATION, "ESMS numérique — généralisation (2022-2025)"),
        (SONS_V1, "SONS — vague 1 (2022)"),
        (AMORCAGE_T1, "ESMS numérique — amorçage, temps 1 (2021)"),
        (AMORCAGE_T2, "ESMS numérique — amorçage, temps 2 (2021)"),
    ]


@dataclass(frozen=True)
class Rule:
    key: str
    value: str
    unit: str = ""
    label: str = ""
    source: str = ""
    reliability: str = ""

    @property
    def number(self) -> Decimal:
        return Decimal(self.value.replace(" ", "").replace(",", "."))

    @property
    def integer(self) -> int:
        return int(self.number)

    @property
    def flag(self) -> bool:
        return self.value.strip().lower() in {"oui", "yes", "true", "1"}

    @property
    def items(self) -> list[str]:
        return self.value.split()

    def as_dict(self) -> dict[str, str]:
        return {
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "source": self.source,
            "reliability": self.reliability,
        }

    @classmethod
    def from_dict(cls, key: str, data: dict[str, str]) -> Rule:
        return cls(key=key, **data)


Rules = dict[str, Rule]
