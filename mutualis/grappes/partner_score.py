"""Partner score: how well another OG fits as a partner of mine, on 0–100, explained in
French criterion by criterion (DUI solution, hosting, distance, maturity, sectors, size)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from mutualis.core.text import count_label
from mutualis.grappes.matching import (
    HOSTING_LABELS,
    Candidate,
    centroid,
    distance_km,
    dui_mismatch,
    french_decimal,
    haversine_km,
    hosting_mismatch,
    km_label,
    nearest_km,
)

# Partner score: points of each criterion (sum 100); distance points fall to 0 at this range.
SCORE_POINTS = {
    "solution": 25.0,
    "hosting": 15.0,
    "distance": 25.0,
    "maturity": 15.0,
    "sector": 10.0,
    "size": 10.0,
}
DISTANCE_RANGE_KM = 150.0
MATURITY_MAX = 4.0


@dataclass(frozen=True)
class Criterion:
    key: str  # "solution", "hosting", "distance", "maturity", "sector", "size"
    label: str  # French, e.g. "Même solution DUI (NETSoins)"
    points: float  # contribution to the partner score (higher = better match)
    detail: str  # French explanation


@dataclass(frozen=True)
class PartnerScore:
    candidate: Candidate
    total: float  # 0–100
    criteria: tuple[Criterion, ...]


def _unknown(me_known: bool, other_known: bool) -> str:
    whom = "pour vous" if other_known else "pour ce partenaire"
    if not me_known and not other_known:
        whom = "pour vous deux"
    return f"Information non renseignée {whom} : valeur neutre (la moitié des points)."


def _solution_criterion(me: Candidate, other: Candidate) -> Criterion:
    points = SCORE_POINTS["solution"] * (1 - dui_mismatch(me, other))
    if me.solution and me.solution == other.solution:
        by = f" ({me.editor})" if me.editor else ""
        detail = f"Vous utilisez tous deux {me.solution}{by} : achats, formations et REX communs."
        return Criterion("solution", f"Même solution DUI ({me.solution})", points, detail)
    if me.editor and other.editor:
        mine, theirs = me.solution or me.editor, other.solution or other.editor
        detail = f"{mine} pour vous, {theirs} pour ce partenaire."
        if me.editor == other.editor:
            return Criterion("solution", f"Même éditeur DUI ({me.editor})", points, detail)
        return Criterion("solution", "Éditeurs DUI différents", points, detail)
    detail = _unknown(bool(me.editor), bool(other.editor))
    return Criterion("solution", "Éditeur DUI non renseigné", points, detail)


def _hosting_criterion(me: Candidate, other: Candidate) -> Criterion:
    points = SCORE_POINTS["hosting"] * (1 - hosting_mismatch(me, other))
    if not me.hosting or not other.hosting:
        detail = _unknown(bool(me.hosting), bool(other.hosting))
        return Criterion("hosting", "Mode d'hébergement non renseigné", points, detail)
    mine = HOSTING_LABELS.get(me.hosting, me.hosting)
    theirs = HOSTING_LABELS.get(other.hosting, other.hosting)
    if me.hosting == other.hosting:
        label = f"Même mode d'hébergement ({mine})"
        return Criterion("hosting", label, points, "Un même cadre d'hébergement à partager.")
    detail = f"{mine[:1].upper()}{mine[1:]} pour vous, {theirs} pour ce partenaire"
    if points > 0:
        detail += " : données hébergées hors site dans les deux cas."
        return Criterion("hosting", "Hébergement externalisé des deux côtés", points, detail)
    return Criterion("hosting", "Modes d'hébergement différents", points, detail + ".")


def _distance_criterion(centre_km: float | None, nearest_km: float | None) -> Criterion:
    top = SCORE_POINTS["distance"]
    if centre_km is None:
        return Criterion(
            "distance",
            "Localisation inconnue",
            top / 2,
            "Établissements non géolocalisés : valeur neutre (la moitié des points).",
        )
    points = top * max(0.0, 1 - centre_km / DISTANCE_RANGE_KM)
    if centre_km < 50:
        label = f"Établissements proches ({km_label(centre_km)})"
    elif centre_km < DISTANCE_RANGE_KM:
        label = f"Établissements à distance moyenne ({km_label(centre_km)})"
    else:
        label = f"Établissements éloignés ({km_label(centre_km)})"
    detail = f"{km_label(centre_km)} entre les centres de vos implantations"
    if nearest_km is not None:
        detail = f"{km_label(nearest_km)} entre vos établissements les plus proches ; {detail}"
    detail += f" (aucun point au-delà de {km_label(DISTANCE_RANGE_KM)})."
    return Criterion("distance", label, points, detail)


def _maturity_criterion(me: Candidate, other: Candidate) -> Criterion:
    top = SCORE_POINTS["maturity"]
    if me.maturity is None or other.maturity is None:
        detail = _unknown(me.maturity is not None, other.maturity is not None)
        return Criterion("maturity", "Maturité numérique non évaluée", top / 2, detail)
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
    return Criterion("maturity", label, top * max(0.0, 1 - gap / MATURITY_MAX), detail)


def _sector_criterion(me: Candidate, other: Candidate) -> Criterion:
    top = SCORE_POINTS["sector"]
    if not me.sectors or not other.sectors:
        detail = _unknown(bool(me.sectors), bool(other.sectors))
        return Criterion("sector", "Secteurs d'activité non renseignés", top / 2, detail)
    shared, union = len(me.sectors & other.sectors), len(me.sectors | other.sectors)
    label = "Secteurs d'activité en commun" if shared else "Aucun secteur d'activité commun"
    detail = f"{count_label(shared, 'secteur', 'secteurs')} en commun sur {union} au total."
    return Criterion("sector", label, top * shared / union, detail)


def _size_criterion(me: Candidate, other: Candidate, min_essms: int) -> Criterion:
    top, together = SCORE_POINTS["size"], me.essms + other.essms
    total = f"{me.essms} + {other.essms} = {together} ESSMS"
    if me.essms >= min_essms:
        detail = f"Vous réunissez déjà {me.essms} ESSMS (seuil : {min_essms}) ; ensemble : {total}."
        return Criterion("size", "Vous êtes déjà éligible seul", top / 2, detail)
    need = min_essms - me.essms
    if other.essms >= need:
        detail = f"Ensemble : {total}, le seuil de {min_essms} ESSMS est atteint."
        return Criterion("size", "Tailles complémentaires", top, detail)
    detail = (
        f"Ensemble : {total} sur les {min_essms} requis ; "
        f"il manquera {min_essms - together} ESSMS à trouver avec d'autres partenaires."
    )
    return Criterion("size", "Seuil non atteint à deux", top * other.essms / need, detail)


def _partner_score(
    me: Candidate,
    other: Candidate,
    min_essms: int,
    centre_km: float | None,
    nearest_km: float | None,
) -> PartnerScore:
    criteria = (
        _solution_criterion(me, other),
        _hosting_criterion(me, other),
        _distance_criterion(centre_km, nearest_km),
        _maturity_criterion(me, other),
        _sector_criterion(me, other),
        _size_criterion(me, other, min_essms),
    )
    # Points shown to one decimal, and the total is their sum: the breakdown adds up.
    criteria = tuple(Criterion(c.key, c.label, round(c.points, 1), c.detail) for c in criteria)
    total = round(min(100.0, max(0.0, sum(c.points for c in criteria))), 1)
    return PartnerScore(other, total, criteria)


def partner_score(me: Candidate, other: Candidate, min_essms: int = 15) -> PartnerScore:
    """Score (0–100, higher = better match) of ``other`` as a partner of ``me``, explained."""
    return _partner_score(me, other, min_essms, distance_km(me, other), nearest_km(me, other))


def rank_partners(
    me: Candidate, others: Iterable[Candidate], limit: int = 20, min_essms: int = 15
) -> list[PartnerScore]:
    """The ``limit`` best partners of ``me`` (itself excluded), best first, ties by id."""
    centre = centroid(me)
    scored = []
    for other in others:
        if other.id == me.id:
            continue
        theirs = centroid(other)
        km = None if centre is None or theirs is None else haversine_km(centre, theirs)
        # The closest-ESSMS distance only feeds a detail: computed for the kept ones only.
        scored.append(_partner_score(me, other, min_essms, km, None))
    best = heapq.nsmallest(limit, scored, key=lambda s: (-s.total, s.candidate.id))
    return [partner_score(me, s.candidate, min_essms) for s in best]
