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
    SONS_V2 = "sons_v2"
    COOPERATION = "cooperation"
    CHOICES = [
        (GENERALISATION, "ESMS numérique — généralisation (2022-2025)"),
        (SONS_V2, "SONS — vague 2 (Ségur médico-social, textes prépubliés)"),
        (SONS_V1, "SONS — vague 1 (2022)"),
        (AMORCAGE_T1, "ESMS numérique — amorçage, temps 1 (2021)"),
        (AMORCAGE_T2, "ESMS numérique — amorçage, temps 2 (2021)"),
        (COOPERATION, "Coopération sans programme (achat groupé, ressources partagées)"),
    ]
    # The rule whose presence for a campaign makes the programme's eligibility evaluable for
    # that campaign (other rules of the year may be informative only, e.g. a pre-publication).
    # A cooperation without programme needs no rule: eligibility and funding do not apply.
    EVALUATED_BY = {
        GENERALISATION: "grappe.min_essms",
        AMORCAGE_T1: "grappe.min_essms",
        AMORCAGE_T2: "grappe.min_essms",
        SONS_V1: "eligible.aggregates",
        SONS_V2: "eligible.aggregates",
    }


# the labels of models.Reliability, for the pure dataclasses
RELIABILITY_LABELS = {"verified": "vérifiée", "inferred": "déduite", "to_confirm": "à confirmer"}

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

    @property
    def reliability_label(self) -> str:
        return RELIABILITY_LABELS.get(self.reliability, self.reliability)

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


def applicable(programme: str) -> bool:
    """Whether eligibility and funding rules apply to the programme at all."""
    return programme != Programme.COOPERATION


NOT_APPLICABLE = (
    "Coopération sans programme (achat groupé, ressources partagées) : éligibilité et "
    "financement non applicables."
)


def not_evaluated(programme: str, campaign: int, rules: Rules) -> str | None:
    """Why the programme's eligibility cannot be evaluated for the campaign (French), or None.

    A campaign whose rules are not loaded is "non évaluable": never eligible, never funded,
    never deposited. Not applicable programmes (cooperation) are evaluated as such elsewhere.
    """
    key = Programme.EVALUATED_BY.get(programme)
    if key is None or key in rules:
        return None
    return (
        f"Règles de la campagne {campaign} non chargées pour le programme "
        f"« {programme_label(programme)} » : éligibilité, financement et dépôt non évaluables."
    )


STATUS_KEY = "programme.status"  # a sourced sentence on where the programme stands


def excluded_categories(rules: Rules) -> dict[str, Rule]:
    """FINESS category code -> the ``excluded.categories.*`` rule that excludes it."""
    return {
        code: rule
        for key, rule in sorted(rules.items())
        if key.startswith("excluded.categories.")
        for code in rule.items
    }


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
