""" "Dites-le nous une fois": what a new assessment can take from what the organisation
already said (its previous campaign, its establishment's IT profile), and which answers
contradict that profile. Pure: dataclasses in, dataclasses out, no ORM.

The rules below link a few indicators of the MaturiN-SMS referential (codes of the shipped
2026.1 version) to the IT profile's fields. Each rule gives the palier the profile suggests
and the paliers compatible with it; an answer outside them is flagged, never refused (the
profile may be the one that is out of date).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PREVIOUS = "previous"
IT_PROFILE = "it_profile"


@dataclass(frozen=True)
class ItFacts:
    """The IT profile's fields the rules read (None: not declared)."""

    dui_status: str | None = None  # none | partial | deployed
    segur_referenced: bool | None = None
    hosting_mode: str | None = None  # saas | external | on_premise
    has_broadband: bool | None = None
    has_wifi: bool | None = None
    mobile_device_count: int | None = None


@dataclass(frozen=True)
class Expectation:
    level: int | None  # palier suggested for pre-filling (None: no suggestion)
    allowed: frozenset[int]  # paliers compatible with the profile
    fact: str  # what the profile says, in French, for the explanation


@dataclass(frozen=True)
class Proposal:
    code: str
    level: int
    source: str  # PREVIOUS or IT_PROFILE


@dataclass(frozen=True)
class Contradiction:
    code: str
    message: str


def _span(*levels: int) -> frozenset[int]:
    return frozenset(levels)


def expectations(facts: ItFacts) -> dict[str, Expectation]:
    """Indicator code -> what the IT profile implies for it."""
    rules: dict[str, Expectation] = {}
    dui = {
        "none": Expectation(0, _span(0, 1), "aucun DUI"),
        "partial": Expectation(2, _span(1, 2, 3), "un DUI partiellement déployé"),
        "deployed": Expectation(3, _span(2, 3, 4), "un DUI déployé"),
    }.get(facts.dui_status or "")
    if dui:
        rules["2.1.1"] = dui
    if facts.dui_status in ("partial", "deployed") and facts.segur_referenced is not None:
        rules["2.1.2"] = (
            Expectation(None, _span(2, 3, 4), "une solution DUI référencée Ségur")
            if facts.segur_referenced
            else Expectation(1, _span(0, 1), "une solution DUI non référencée Ségur")
        )
    hosting = {
        "on_premise": Expectation(1, _span(0, 1, 2), "un hébergement sur site (serveur local)"),
        "external": Expectation(3, _span(2, 3, 4), "un hébergement externe agréé HDS"),
    }.get(facts.hosting_mode or "")
    if hosting:
        rules["3.3.1"] = hosting
    if facts.has_broadband is not None:
        rules["3.2.1"] = (
            Expectation(None, _span(1, 2, 3, 4), "un accès internet haut débit")
            if facts.has_broadband
            else Expectation(0, _span(0, 1), "pas d'accès internet haut débit")
        )
    if facts.has_wifi is not None:
        rules["3.2.2"] = (
            Expectation(None, _span(1, 2, 3, 4), "du wifi dans les locaux")
            if facts.has_wifi
            else Expectation(
                0,
                _span(
                    0,
                ),
                "pas de wifi dans les locaux",
            )
        )
    if facts.mobile_device_count is not None:
        rules["3.1.2"] = (
            Expectation(
                0,
                _span(
                    0,
                ),
                "aucun appareil mobile",
            )
            if facts.mobile_device_count == 0
            else Expectation(None, _span(1, 2, 3, 4), "des appareils mobiles")
        )
    return rules


def proposals(
    codes: list[str], previous: Mapping[str, int | None], facts: ItFacts | None
) -> list[Proposal]:
    """Answers to pre-fill, for the indicators ``codes`` of the new assessment.

    The previous campaign's answer is taken when it agrees with the IT profile; the profile's
    suggestion replaces it when it contradicts the profile or when there is none.
    """
    rules = expectations(facts) if facts else {}
    result = []
    for code in codes:
        earlier = previous.get(code)
        rule = rules.get(code)
        if earlier is not None and (rule is None or earlier in rule.allowed):
            result.append(Proposal(code, earlier, PREVIOUS))
        elif rule is not None and rule.level is not None:
            result.append(Proposal(code, rule.level, IT_PROFILE))
    return result


def contradictions(
    levels: Mapping[str, int | None], labels: Mapping[str, list[str]], facts: ItFacts | None
) -> dict[str, Contradiction]:
    """Answers that disagree with the IT profile, with a French explanation.

    ``labels`` maps an indicator code to its palier labels (0–4), quoted in the message.
    """
    if facts is None:
        return {}
    found = {}
    for code, rule in expectations(facts).items():
        level = levels.get(code)
        if level is None or level in rule.allowed or code not in labels:
            continue
        quoted = labels[code][level].rstrip(".")
        found[code] = Contradiction(
            code,
            f"Votre profil SI indique {rule.fact}, mais cette réponse dit « {quoted} » "
            f"(palier {level}). Corrigez la réponse ou mettez à jour le profil SI.",
        )
    return found
