"""Where a gap leads: for the weakest dimensions of a result, experience reports, published
initiatives, partner organisations strong on the dimension, and the programme that applies.

Layering: maturity sits above the library, the initiatives and the grappes, so it may not
import them. The topic of each dimension (search words, SI domains, programme with its
source) is maturity's own data (``data/gap-leads.csv``); the apps below register, at
``ready()``, a provider that turns a topic into links the user may see
(``register("reports", provider)``). Without a provider (an app not installed) the kind is
simply left out. Shared resources (``sharing``) suggest a need to publish for the dimension.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "gap-leads.csv"
WEAKEST = 3  # dimensions given leads, the weakest first
PER_KIND = 3  # links of each kind per dimension
KINDS = {
    "reports": "Retours d'expérience",
    "initiatives": "Initiatives de mutualisation publiées",
    "partners": "Organismes partenaires avancés sur cette dimension",
    "sharing": "Ressources partagées : compétences à trouver auprès d'autres organismes",
}


@dataclass(frozen=True)
class Topic:
    dimension: str
    search: str  # a library query ("OR" between words)
    si_domains: tuple[str, ...]
    programme: str
    source: str
    reliability: str


@dataclass(frozen=True)
class Lead:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Found:
    """A provider's answer: a few links and, when there are more, where to see them all."""

    leads: list[Lead]
    more_url: str = ""


@dataclass(frozen=True)
class Request:
    """What a provider is asked: this topic, for this user, about this assessment."""

    topic: Topic
    user: object
    assessment: object
    limit: int = PER_KIND


@dataclass
class DimensionLeads:
    code: str
    label: str
    score: float
    topic: Topic
    found: dict[str, Found] = field(default_factory=dict)  # kind -> links (non-empty only)

    @property
    def kinds(self) -> list[tuple[str, Found]]:
        return [(KINDS[kind], found) for kind, found in self.found.items()]


Provider = Callable[[Request], Found]
_providers: dict[str, Provider] = {}


def register(kind: str, provider: Provider) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of lead: {kind}")
    _providers[kind] = provider


@cache
def topics() -> dict[str, Topic]:
    with DATA.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return {
        row["dimension"]: Topic(
            dimension=row["dimension"],
            search=row["search"],
            si_domains=tuple(code for code in row["si_domains"].split(",") if code),
            programme=row["programme"],
            source=row["source"],
            reliability=row["reliability"],
        )
        for row in csv.DictReader(lines, delimiter="|")
    }


def weakest(scores: dict[str, float | None], count: int = WEAKEST) -> list[str]:
    """The ``count`` answered dimensions of lowest score (ties: referential order), below 4."""
    answered = [(score, index, code) for index, (code, score) in enumerate(scores.items())]
    ranked = sorted((s, i, c) for s, i, c in answered if s is not None and s < 4)
    return [code for _, _, code in ranked[:count]]


def leads_for(rows, user, assessment) -> list[DimensionLeads]:
    """Leads for the weakest dimensions of ``rows`` (objects with code, label, score)."""
    by_code = {row.code: row for row in rows}
    known = topics()
    result = []
    for code in weakest({row.code: row.score for row in rows}):
        if code not in known:
            continue
        row, topic = by_code[code], known[code]
        item = DimensionLeads(code, row.label, row.score, topic)
        for kind in KINDS:
            provider = _providers.get(kind)
            if provider is None:
                continue
            found = provider(Request(topic, user, assessment))
            if found.leads:
                item.found[kind] = found
        result.append(item)
    return result
