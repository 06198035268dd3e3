"""Eligibility of a grappe and of each of its ESSMS, as a pure function of programme rules.

Every failed rule is stated in French with the rule's source, so that members see at once
what to change. Rules come from data (``rules.Rules``); nothing here hard-codes a threshold.

A rule that needs the Ségur referencing of the solution cannot be evaluated when it is
unknown (``segur`` None: no solution chosen, or its referencing not verified): the ESSMS is
then "non évaluable" for that rule (``Failure.unknown``), neither eligible nor refused.

``assess`` is the entry point of pages and API: a campaign whose rules are not loaded is "non
évaluable" as a whole (no verdict, no funding, no deposit), and a cooperation without programme
is "non applicable" (no rule needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mutualis.grappes.rules import (
    NOT_APPLICABLE,
    Programme,
    Rules,
    applicable,
    excluded_categories,
    not_evaluated,
)

SITUATIONS = {
    "no_dui": "Pas de DUI (acquisition)",
    "replacement": "Remplacement du DUI",
    "upgrade": "Montée de version du DUI",
    "compliant": "Déjà conforme (usages)",
}
ACQUISITION = {"no_dui", "replacement"}
EQUIPPED = {"upgrade", "compliant"}


@dataclass(frozen=True)
class EssmsFacts:
    finess: str
    name: str
    managing_body_id: int
    departement: str
    region: str
    domain: str  # FINESS category domain: "SOC" (art. L.312-1 CASF) or "SAN"
    sector: str | None = None
    aggregate: str | None = None  # level-2 aggregate of the category, e.g. "4400"
    category: str | None = None  # FINESS category code, e.g. "500" (EHPAD)
    is_closed: bool = False
    situation: str = ""
    # the chosen solution is Ségur-referenced; None: unknown (no solution, or not verified)
    segur: bool | None = None


@dataclass(frozen=True)
class Failure:
    rule: str
    message: str
    source: str = ""
    unknown: bool = False  # the rule could not be evaluated (non évaluable)


@dataclass
class Eligibility:
    essms: dict[str, list[Failure]] = field(default_factory=dict)
    undetermined: dict[str, list[Failure]] = field(default_factory=dict)  # non évaluable
    grappe: list[Failure] = field(default_factory=list)
    eligible_count: int = 0
    call: str = ""  # "régional", "national" or "" (not applicable)
    regions: tuple[str, ...] = ()
    # False: a cooperation without programme, eligibility does not apply
    applicable: bool = True
    # False: the campaign's rules are not loaded, no verdict at all
    evaluable: bool = True
    message: str = ""  # why not applicable or not evaluable (French)

    @property
    def has_verdict(self) -> bool:
        return self.applicable and self.evaluable

    @property
    def is_eligible(self) -> bool:
        return self.has_verdict and not self.grappe and self.eligible_count > 0

    @property
    def verdict(self) -> bool | None:
        """True or False; None when not applicable or not evaluable."""
        return self.is_eligible if self.has_verdict else None

    def eligible(self, finess: str) -> bool:
        return self.has_verdict and not self.essms.get(finess) and not self.undetermined.get(finess)

    def status(self, finess: str) -> str:
        """ "eligible", "not_eligible" or "undetermined" (non évaluable)."""
        if not self.has_verdict:
            return "undetermined"
        if self.essms.get(finess):
            return "not_eligible"
        return "undetermined" if self.undetermined.get(finess) else "eligible"


def _fail(rules: Rules, key: str, message: str, unknown: bool = False) -> Failure:
    rule = rules.get(key)
    return Failure(key, message, rule.source if rule else "", unknown)


SEGUR_UNKNOWN = (
    "Référencement Ségur de la solution non évaluable (solution non choisie ou référencement "
    "non vérifié) : éligibilité non évaluable."
)


def segur_failure(
    rules: Rules, situation: str, segur: bool | None, sector: str | None
) -> Failure | None:
    """The Ségur referencing rule of the year for one ESSMS (acquisition or upgrade with a
    solution that is not referenced, outside the exempt sectors), or None when it holds.
    Shared by eligibility and funding, so that no scenario funds what eligibility rejects."""
    segur_required = rules.get("software.segur_required")
    exempt = rules.get("software.segur_exempt_sectors")
    if not (
        segur_required
        and segur_required.flag
        and situation in ACQUISITION | {"upgrade"}
        and segur is not True
        and not (exempt and sector in exempt.items)
    ):
        return None
    if segur is None:
        return _fail(rules, "software.segur_required", SEGUR_UNKNOWN, unknown=True)
    return _fail(
        rules,
        "software.segur_required",
        "La solution DUI choisie doit être référencée Ségur pour ce domaine.",
    )


def category_failure(rules: Rules, essms: EssmsFacts) -> Failure | None:
    """The category rules: an excluded category (housing, USLD…), then the domain (ESSMS of
    art. L.312-1 CASF), each stated with its source."""
    excluded = excluded_categories(rules).get(essms.category or "")
    if excluded:
        return Failure(
            excluded.key,
            f"Catégorie FINESS {essms.category} non éligible : {excluded.label}.",
            excluded.source,
        )
    domain = rules.get("eligible.domain")
    if essms.domain not in (domain.items if domain else ["SOC"]):
        return Failure(
            "eligible.domain",
            "Catégorie sanitaire : seuls les ESSMS de l'article L.312-1 du CASF sont éligibles.",
            domain.source if domain else "",
        )
    return None


def essms_failures(programme: str, rules: Rules, essms: EssmsFacts) -> list[Failure]:
    failures = []
    if essms.is_closed:
        failures.append(Failure("finess.open", "Établissement fermé dans FINESS."))
    if category := category_failure(rules, essms):
        failures.append(category)
    if not essms.situation:
        failures.append(Failure("situation", "Précisez la situation de l'établissement (DUI)."))
    if programme in (Programme.SONS_V1, Programme.SONS_V2):
        return failures + _sons_failures(rules, essms)
    sectors = rules.get("eligible.sectors")
    if sectors and "*" not in sectors.items and essms.sector not in sectors.items:
        failures.append(
            _fail(
                rules, "eligible.sectors", "Secteur non éligible pour ce programme et cette année."
            )
        )
    if segur := segur_failure(rules, essms.situation, essms.segur, essms.sector):
        failures.append(segur)
    return failures


def _sons_failures(rules: Rules, essms: EssmsFacts) -> list[Failure]:
    failures = []
    aggregates = rules.get("eligible.aggregates")
    if aggregates and essms.aggregate not in aggregates.items:
        failures.append(
            _fail(
                rules,
                "eligible.aggregates",
                f"Catégorie hors des agrégats éligibles à SONS ({', '.join(aggregates.items)}).",
            )
        )
    equipped = rules.get("eligible.segur_equipped")
    if equipped and equipped.flag and not (essms.situation in EQUIPPED and essms.segur):
        unknown = essms.situation in EQUIPPED and essms.segur is None
        failures.append(
            _fail(
                rules,
                "eligible.segur_equipped",
                SEGUR_UNKNOWN
                if unknown
                else "SONS finance les établissements déjà équipés d'un DUI référencé Ségur.",
                unknown=unknown,
            )
        )
    return failures


def _minimum(rules: Rules, essms: Sequence[EssmsFacts]) -> tuple[str, int] | None:
    """The minimum size that applies: the Corsica and overseas one when all ESSMS are there."""
    remote = all(e.departement.startswith(("97", "2A", "2B")) for e in essms)
    key = "grappe.min_essms.overseas_corsica" if remote and essms else "grappe.min_essms"
    if key not in rules:
        key = "grappe.min_essms"
    return (key, rules[key].integer) if key in rules else None


def check(programme: str, rules: Rules, essms: Sequence[EssmsFacts]) -> Eligibility:
    result = Eligibility()
    for facts in essms:
        found = essms_failures(programme, rules, facts)
        result.essms[facts.finess] = [f for f in found if not f.unknown]
        if unknown := [f for f in found if f.unknown]:
            result.undetermined[facts.finess] = unknown
    eligible = [e for e in essms if result.eligible(e.finess)]
    result.eligible_count = len(eligible)
    result.regions = tuple(sorted({e.region for e in eligible}))
    if programme in (Programme.SONS_V1, Programme.SONS_V2):
        return result  # SONS funds each managing body: no grappe size
    minimum = _minimum(rules, eligible)
    if minimum and len(eligible) < minimum[1]:
        key, size = minimum
        result.grappe.append(
            _fail(
                rules,
                key,
                f"{len(eligible)} ESSMS éligible{'s' if len(eligible) > 1 else ''} : "
                f"il en faut au moins {size}.",
            )
        )
    maximum = rules.get("grappe.max_essms")
    if maximum and len(eligible) > maximum.integer:
        result.grappe.append(
            _fail(rules, "grappe.max_essms", f"Au plus {maximum.integer} ESSMS par grappe.")
        )
    threshold = rules.get("call.national_threshold")
    if threshold:
        result.call = "national" if len(eligible) >= threshold.integer else "régional"
    return result


def assess(programme: str, campaign: int, rules: Rules, essms: Sequence[EssmsFacts]) -> Eligibility:
    """The verdict pages and API show: not applicable (cooperation without programme), not
    evaluable (the campaign's rules are not loaded), or the result of every rule."""
    if not applicable(programme):
        return Eligibility(applicable=False, message=NOT_APPLICABLE)
    if message := not_evaluated(programme, campaign, rules):
        return Eligibility(evaluable=False, message=message)
    return check(programme, rules, essms)
