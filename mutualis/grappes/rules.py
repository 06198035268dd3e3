"""Programme rules as plain values for the pure modules (eligibility, funding).

A rule is valid for a programme and a range of campaign years; its value is text, read here
as a number, a yes/no or a list. Loaded from data/programme-rules.csv, edited by national
administrators; a simulation stores the rules it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


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


MAX_DIGITS = 12  # before the decimal point: under a thousand billion


def _decimal_text(text: str) -> str:
    return text.replace(" ", "").replace(",", ".")


def parse_number(text: str) -> Decimal | None:
    """A rule's number as written ("1 250,50"); None unless a finite number under 10¹² in
    absolute value (``Decimal`` reads "1e999999999", which ``int()`` would take minutes to
    expand)."""
    try:
        number = Decimal(_decimal_text(text))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number.adjusted() < MAX_DIGITS else None


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
        return Decimal(_decimal_text(self.value))

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

# What a page says when a rule it needs is missing for the campaign (French, lower case).
RULE_NAMES = {
    "grappe.min_essms": "taille minimale d'une grappe",
    "call.national_threshold": "seuil de l'appel national",
    "small_og.max_essms": "taille maximale d'un petit organisme",
}


def programme_label(programme: str) -> str:
    return dict(Programme.CHOICES).get(programme, programme)


def missing(rules: Rules, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys among ``keys`` that ``rules`` lacks, in the order given."""
    return tuple(key for key in keys if key not in rules)


def missing_message(programme: str, campaign: int, keys: tuple[str, ...]) -> str:
    """French sentence saying which rules of the campaign are not loaded."""
    names = ", ".join(RULE_NAMES.get(key, key) for key in keys)
    return (
        f"Les règles du programme « {programme_label(programme)} » ne sont pas chargées pour "
        f"la campagne {campaign} ({names})."
    )


SIZE_KEYS = ("grappe.min_essms", "grappe.min_essms.overseas_corsica", "call.national_threshold")


def sizes(rules: Rules) -> dict[str, int] | None:
    """The size rules of a grappe (minimum, minimum in Corsica and overseas, national call
    threshold and the largest regional grappe); None when one of them is missing."""
    if missing(rules, SIZE_KEYS):
        return None
    national = rules["call.national_threshold"].integer
    return {
        "min": rules["grappe.min_essms"].integer,
        "min_remote": rules["grappe.min_essms.overseas_corsica"].integer,
        "national": national,
        "regional_max": national - 1,
    }
