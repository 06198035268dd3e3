"""Matching offers and needs of shared resources: for one listing, rank the listings of the
other direction on 0–100, explained in French criterion by criterion (skill, distance, time
share, period), like ``grappes.partner_score``.

Pure: no ORM; ``Side`` in, ``Match`` out, so tests and the benchmark call it directly. Points
are whole numbers whose sum is exactly the total shown (largest remainders, reused from the
partner score). Unknown information earns no point. A listing of another kind of resource is
never a match; a known distance beyond either side's accepted distance excludes the pair.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from mutualis.grappes.matching import french_decimal, haversine_km, km_label
from mutualis.grappes.partner_score import Criterion, whole_points

SCORE_POINTS = {"skill": 40, "distance": 25, "time": 20, "period": 15}
# A different skill of the same kind (a RSSI for a DPO need) earns this share of the skill points.
SAME_KIND_SHARE = 0.25
DISTANCE_RANGE_KM = 150.0


@dataclass(frozen=True)
class Side:
    """One offer or need, as the matching sees it."""

    id: int
    direction: str  # "offer" or "need"
    skill: str  # skill code
    kind: str  # "role", "equipment", "service"
    starts_on: datetime.date
    ends_on: datetime.date
    days: float | None = None  # days per month; None for equipment or unknown
    point: tuple[float, float] | None = None  # (latitude, longitude) of its ESSMS
    max_km: float | None = None  # accepted distance; None = any
    skill_label: str = ""


@dataclass(frozen=True)
class Match:
    other: Side
    total: int  # 0–100, the sum of the criteria's points
    criteria: tuple[Criterion, ...]
    km: float | None = None


def _criterion(key: str, label: str, share: float, detail: str) -> Criterion:
    top = SCORE_POINTS[key]
    return Criterion(key, label, top * min(1.0, max(0.0, share)), detail, top)


def distance(a: Side, b: Side) -> float | None:
    if a.point is None or b.point is None:
        return None
    return haversine_km(a.point, b.point)


def within_reach(a: Side, b: Side, km: float | None) -> bool:
    """Both sides accept the distance (an unknown distance excludes nobody)."""
    if km is None:
        return True
    return all(side.max_km is None or km <= side.max_km for side in (a, b))


def compatible(a: Side, b: Side) -> bool:
    return a.direction != b.direction and a.kind == b.kind and a.id != b.id


def _need_and_offer(a: Side, b: Side) -> tuple[Side, Side]:
    return (a, b) if a.direction == "need" else (b, a)


def skill_share(a: Side, b: Side) -> float:
    return 1.0 if a.skill == b.skill else SAME_KIND_SHARE


def distance_share(km: float | None) -> float:
    return 0.0 if km is None else max(0.0, 1 - km / DISTANCE_RANGE_KM)


def time_share(need: Side, offer: Side) -> float:
    """Full when the offer covers the days needed, proportional below; equipment (no days on
    either side) full; unknown days on one side only, nothing."""
    if need.days is None and offer.days is None:
        return 1.0 if need.kind == "equipment" else 0.0
    if need.days is None or offer.days is None or need.days <= 0:
        return 0.0
    return min(1.0, offer.days / need.days)


def overlap_days(a: Side, b: Side) -> int:
    start, end = max(a.starts_on, b.starts_on), min(a.ends_on, b.ends_on)
    return max(0, (end - start).days + 1)


def period_share(need: Side, offer: Side) -> float:
    """Days of overlap over the days of the need's period (both ends included)."""
    length = (need.ends_on - need.starts_on).days + 1
    return overlap_days(need, offer) / length if length > 0 else 0.0


def exact_total(me: Side, other: Side, km: float | None) -> float:
    need, offer = _need_and_offer(me, other)
    return (
        SCORE_POINTS["skill"] * skill_share(me, other)
        + SCORE_POINTS["distance"] * distance_share(km)
        + SCORE_POINTS["time"] * time_share(need, offer)
        + SCORE_POINTS["period"] * period_share(need, offer)
    )


def _skill_criterion(me: Side, other: Side) -> Criterion:
    if me.skill == other.skill:
        name = me.skill_label or me.skill
        return _criterion("skill", f"Même compétence ({name})", 1, "La ressource recherchée.")
    detail = (
        f"{other.skill_label or other.skill} au lieu de {me.skill_label or me.skill} : "
        "même nature de ressource, compétence différente."
    )
    return _criterion("skill", "Compétence voisine", SAME_KIND_SHARE, detail)


def _distance_criterion(km: float | None) -> Criterion:
    if km is None:
        detail = "Établissement non renseigné ou non géolocalisé : distance inconnue, aucun point."
        return _criterion("distance", "Distance inconnue", 0, detail)
    label = "Proche" if km < 50 else "Distance moyenne" if km < DISTANCE_RANGE_KM else "Éloigné"
    detail = (
        f"{km_label(km)} entre les deux établissements "
        f"(aucun point au-delà de {km_label(DISTANCE_RANGE_KM)})."
    )
    return _criterion("distance", f"{label} ({km_label(km)})", distance_share(km), detail)


def _days(value: float) -> str:
    text = french_decimal(value).removesuffix(",0")
    return f"{text} jour{'s' if value >= 2 else ''} par mois"


def _time_criterion(need: Side, offer: Side) -> Criterion:
    share = time_share(need, offer)
    if need.days is None and offer.days is None and need.kind == "equipment":
        return _criterion("time", "Temps partagé sans objet", share, "Équipement : pas de jours.")
    if need.days is None or offer.days is None:
        whom = "du besoin" if need.days is None else "de l'offre"
        if need.days is None and offer.days is None:
            whom = "des deux côtés"
        return _criterion(
            "time", "Temps non renseigné", 0, f"Jours non renseignés {whom} : aucun point."
        )
    detail = f"Offre : {_days(offer.days)} ; besoin : {_days(need.days)}."
    label = "Temps suffisant" if share >= 1 else "Temps partiel"
    return _criterion("time", label, share, detail)


def _period_criterion(need: Side, offer: Side) -> Criterion:
    share = period_share(need, offer)
    length = (need.ends_on - need.starts_on).days + 1
    days = overlap_days(need, offer)
    detail = (
        f"{days} jour{'s' if days > 1 else ''} communs sur les {length} de la période du besoin."
    )
    label = (
        "Période couverte"
        if share >= 1
        else "Période en partie couverte"
        if share
        else "Périodes disjointes"
    )
    return _criterion("period", label, share, detail)


def explain(me: Side, other: Side, km: float | None = None) -> Match:
    """The explained score of ``other`` for ``me`` (``km`` computed when not given)."""
    km = distance(me, other) if km is None else km
    need, offer = _need_and_offer(me, other)
    criteria = whole_points(
        (
            _skill_criterion(me, other),
            _distance_criterion(km),
            _time_criterion(need, offer),
            _period_criterion(need, offer),
        )
    )
    return Match(other, sum(c.points for c in criteria), criteria, km)


def rank(me: Side, others: Iterable[Side], limit: int = 20) -> list[Match]:
    """The ``limit`` best listings of the other direction for ``me``, best first, ties by id.
    Exact totals rank everything; only the kept ones are explained."""
    scored = []
    for other in others:
        if not compatible(me, other):
            continue
        km = distance(me, other)
        if not within_reach(me, other, km):
            continue
        scored.append((exact_total(me, other, km), other, km))
    best = heapq.nsmallest(limit, scored, key=lambda s: (-round(s[0]), s[1].id))
    return [explain(me, other, km) for _, other, km in best]
