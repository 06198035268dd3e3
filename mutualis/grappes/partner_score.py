"""Partner score: how well another OG fits as a partner of mine, on 0–100, explained in
French criterion by criterion (DUI solution, hosting, distance, maturity, sectors, size).

Each criterion shows its points out of its maximum; the points are whole numbers whose sum
is exactly the total shown (largest remainders). Unknown information earns no point: a
partner is not ranked higher for what nobody knows about it. The distance is the one
between the nearest ESSMS of the two OGs (``matching.NearestIndex``), not between their
centres: an OG present all over France is close to a partner near any of its ESSMS.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass

from mutualis.core.text import count_label
from mutualis.grappes.matching import (
    EXTERNAL_HOSTING,
    HOSTING_LABELS,
    Candidate,
    NearestIndex,
    french_decimal,
    km_label,
)

# Partner score: maximum points of each criterion (sum 100); distance points fall to 0 at
# this range.
SCORE_POINTS = {
    "solution": 25,
    "hosting": 15,
    "distance": 25,
    "maturity": 15,
    "sector": 10,
    "size": 10,
}
DISTANCE_RANGE_KM = 150.0
MATURITY_MAX = 4.0


@dataclass(frozen=True)
class Criterion:
    key: str  # "solution", "hosting", "distance", "maturity", "sector", "size"
    label: str  # French, e.g. "Même solution DUI (NETSoins)"
    points: float  # contribution to the partner score (higher = better match)
    detail: str  # French explanation
    maximum: int = 0  # the most this criterion can give


@dataclass(frozen=True)
class PartnerScore:
    candidate: Candidate
    total: int  # 0–100, the sum of the criteria's points
    criteria: tuple[Criterion, ...]
    nearest_km: float | None = None  # between the two OGs' nearest ESSMS


def _unknown(me_known: bool, other_known: bool) -> str:
    whom = "pour vous" if other_known else "pour ce partenaire"
    if not me_known and not other_known:
        whom = "pour vous deux"
    return f"Information non renseignée {whom} : aucun point."


def _criterion(key: str, label: str, share: float, detail: str) -> Criterion:
    """A criterion earning ``share`` (0–1) of its maximum."""
    top = SCORE_POINTS[key]
    return Criterion(key, label, top * min(1.0, max(0.0, share)), detail, top)


def _solution_criterion(me: Candidate, other: Candidate) -> Criterion:
    if me.solution and me.solution == other.solution:
        by = f" ({me.editor})" if me.editor else ""
        detail = f"Vous utilisez tous deux {me.solution}{by} : achats, formations et REX communs."
        return _criterion("solution", f"Même solution DUI ({me.solution})", 1, detail)
    if me.editor and other.editor:
        mine, theirs = me.solution or me.editor, other.solution or other.editor
        detail = f"{mine} pour vous, {theirs} pour ce partenaire."
        if me.editor == other.editor:
            return _criterion("solution", f"Même éditeur DUI ({me.editor})", 0.5, detail)
        return _criterion("solution", "Éditeurs DUI différents", 0, detail)
    detail = _unknown(bool(me.editor), bool(other.editor))
    return _criterion("solution", "Éditeur DUI non renseigné", 0, detail)


def _hosting_criterion(me: Candidate, other: Candidate) -> Criterion:
    if not me.hosting or not other.hosting:
        detail = _unknown(bool(me.hosting), bool(other.hosting))
        return _criterion("hosting", "Mode d'hébergement non renseigné", 0, detail)
    mine = HOSTING_LABELS.get(me.hosting, me.hosting)
    theirs = HOSTING_LABELS.get(other.hosting, other.hosting)
    if me.hosting == other.hosting:
        label = f"Même mode d'hébergement ({mine})"
        return _criterion("hosting", label, 1, "Un même cadre d'hébergement à partager.")
    detail = f"{mine[:1].upper()}{mine[1:]} pour vous, {theirs} pour ce partenaire"
    if {me.hosting, other.hosting} <= EXTERNAL_HOSTING:
        detail += " : données hébergées hors site dans les deux cas."
        return _criterion("hosting", "Hébergement externalisé des deux côtés", 0.5, detail)
    return _criterion("hosting", "Modes d'hébergement différents", 0, detail + ".")


def _distance_criterion(nearest_km: float | None) -> Criterion:
    if nearest_km is None:
        detail = "Établissements non géolocalisés : distance inconnue, aucun point."
        return _criterion("distance", "Localisation inconnue", 0, detail)
    if nearest_km < 50:
        label = f"Établissements proches ({km_label(nearest_km)})"
    elif nearest_km < DISTANCE_RANGE_KM:
        label = f"Établissements à distance moyenne ({km_label(nearest_km)})"
    else:
        label = f"Établissements éloignés ({km_label(nearest_km)})"
    detail = (
        f"{km_label(nearest_km)} entre vos établissements les plus proches "
        f"(aucun point au-delà de {km_label(DISTANCE_RANGE_KM)})."
    )
    return _criterion("distance", label, 1 - nearest_km / DISTANCE_RANGE_KM, detail)


def _maturity_criterion(me: Candidate, other: Candidate) -> Criterion:
    if me.maturity is None or other.maturity is None:
        detail = _unknown(me.maturity is not None, other.maturity is not None)
        return _criterion("maturity", "Maturité numérique non évaluée", 0, detail)
    gap = abs(me.maturity - other.maturity)
    levels = f"{french_decimal(me.maturity)} et {french_decimal(other.maturity)} sur 4"
    if gap <= 0.5:
        label = f"Maturité numérique proche ({levels})"
    elif gap <= 1.5:
        label = f"Maturité numérique assez proche ({levels})"
    else:
        label = f"Maturité numérique éloignée ({levels})"
    detail = f"Écart de {french_decimal(gap)} point sur 4 : "
    detail += "un niveau équivalent facilite la coopération."
    return _criterion("maturity", label, 1 - gap / MATURITY_MAX, detail)


def _sector_criterion(me: Candidate, other: Candidate) -> Criterion:
    """Overlap of the sectors: the share of the smaller set found in the other (a specialised
    OG fully within the sectors of a large one scores full points)."""
    if not me.sectors or not other.sectors:
        detail = _unknown(bool(me.sectors), bool(other.sectors))
        return _criterion("sector", "Secteurs d'activité non renseignés", 0, detail)
    shared = len(me.sectors & other.sectors)
    smaller = min(len(me.sectors), len(other.sectors))
    label = "Secteurs d'activité en commun" if shared else "Aucun secteur d'activité commun"
    detail = (
        f"{count_label(shared, 'secteur', 'secteurs')} en commun "
        f"({len(me.sectors)} pour vous, {len(other.sectors)} pour ce partenaire)."
    )
    return _criterion("sector", label, shared / smaller, detail)


def _size_criterion(me: Candidate, other: Candidate, min_essms: int | None) -> Criterion:
    together = me.essms + other.essms
    total = f"{me.essms} + {other.essms} = {together} ESSMS"
    if min_essms is None:
        detail = f"Coopération sans programme, sans seuil de taille ; ensemble : {total}."
        return _criterion("size", "Pas de seuil de taille", 0, detail)
    if me.essms >= min_essms:
        detail = f"Vous réunissez déjà {me.essms} ESSMS (seuil : {min_essms}) ; ensemble : {total}."
        return _criterion("size", "Vous êtes déjà éligible seul", 0.5, detail)
    need = min_essms - me.essms
    if other.essms >= need:
        detail = f"Ensemble : {total}, le seuil de {min_essms} ESSMS est atteint."
        return _criterion("size", "Tailles complémentaires", 1, detail)
    detail = (
        f"Ensemble : {total} sur les {min_essms} requis ; "
        f"il manquera {min_essms - together} ESSMS à trouver avec d'autres partenaires."
    )
    return _criterion("size", "Seuil non atteint à deux", other.essms / need, detail)


def whole_points(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """The criteria with whole points adding up to the rounded sum of the exact ones: each
    is rounded down, then the points left go to the largest remainders (ties: list order)."""
    exact = [c.points for c in criteria]
    floors = [math.floor(p + 1e-9) for p in exact]
    left = round(sum(exact)) - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: max(0, left)]:
        floors[i] += 1
    return tuple(
        Criterion(c.key, c.label, points, c.detail, c.maximum)
        for c, points in zip(criteria, floors, strict=True)
    )


def _partner_score(
    me: Candidate, other: Candidate, min_essms: int | None, nearest_km: float | None
) -> PartnerScore:
    criteria = whole_points(
        (
            _solution_criterion(me, other),
            _hosting_criterion(me, other),
            _distance_criterion(nearest_km),
            _maturity_criterion(me, other),
            _sector_criterion(me, other),
            _size_criterion(me, other, min_essms),
        )
    )
    return PartnerScore(other, sum(c.points for c in criteria), criteria, nearest_km)


def partner_score(me: Candidate, other: Candidate, min_essms: int | None = 15) -> PartnerScore:
    """Score (0–100, higher = better match) of ``other`` as a partner of ``me``, explained."""
    return _partner_score(me, other, min_essms, NearestIndex(me.points).nearest(other.points))


def rank_partners(
    me: Candidate,
    others: Iterable[Candidate],
    limit: int = 20,
    min_essms: int | None = 15,
    index: NearestIndex | None = None,
) -> list[PartnerScore]:
    """The ``limit`` best partners of ``me`` (itself excluded), best first, ties by id."""
    index = index or NearestIndex(me.points)
    scored = (
        _partner_score(me, other, min_essms, index.nearest(other.points))
        for other in others
        if other.id != me.id
    )
    return heapq.nsmallest(limit, scored, key=lambda s: (-s.total, s.candidate.id))
