"""Partner matching and grappe suggestions for organismes gestionnaires (OG).

Pure Python (no Django, no ORM): the app turns its models into ``Candidate`` values.

- ``rank_partners``: for one OG, candidate partners ranked by a 0–100 score whose criteria
  are explained in French.
- ``suggest_grappes``: for a territory, a partition of the OGs open to cooperation into
  eligible grappes (OGs kept whole, each grappe ≥ ``min_essms`` ESSMS), built by a greedy
  construction, a local search and ruin-and-recreate rounds. ``matching_exact.exact_partition``
  solves the same problem exactly, to check the heuristic on small instances.

Objective shared by both solvers (``partition_cost``), in kilometre-equivalents: the sum, over
grappes, of ``pair_cost`` over every pair of OGs in the grappe, plus ``UNASSIGNED_PENALTY`` per
ESSMS left out. Summing over pairs makes the cost grow with the square of a grappe's size, so
grappes stay close to the minimum and an OG reaching the minimum alone is a grappe of its own
(cost 0). Grappes of ``national_threshold`` ESSMS or more are flagged, not penalised: the
quadratic cost already keeps grappes small, the routing rules change every year (in 2024 a
one-region grappe of 50+ stayed regional) and a penalty would push a small OG away from a big
neighbour that could welcome it.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
# Cost per ESSMS left out: far above any plausible cost of joining a grappe (a pair costs at
# most a few hundred), so covering every OG comes first.
UNASSIGNED_PENALTY = 100_000.0
HOSTING_LABELS = {"saas": "SaaS", "external": "hébergement externe", "on_premise": "sur site"}
EXTERNAL_HOSTING = frozenset({"saas", "external"})  # data hosted outside the OG in both cases
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
# Heuristic: neighbours examined by the local search, pool of the greedy growth, rounds of
# the local search (a safety net: it stops when nothing improves).
NEIGHBOURS = 12
POOL = 16
MAX_ROUNDS = 20
# Recombination: pairs and triples of neighbouring groups re-optimised by branch and bound.
RECOMBINE_PAIRS = 4
RECOMBINE_TRIPLES = 3
RECOMBINE_MAX_OGS = {2: 16, 3: 11}  # by number of groups: bounds the search
NODE_BUDGET = 20_000  # per re-optimisation
WORK_BUDGET = 1_000_000  # for the whole search: bounds the time on large territories (6 s for
# the 808 open OGs of Auvergne-Rhône-Alpes; twice this budget gains 2 % for twice the time)
# Ruin and recreate: regroup KICK_GROUPS groups (a group and neighbours among its closest
# KICK_CHOICES), keep the result if the local search then finds a better partition.
KICKS = 100
KICK_GROUPS = 4
KICK_CHOICES = 6
EPS = 1e-9  # improvements smaller than this are float noise
REASON_NO_ESSMS = "Aucun ESSMS éligible ouvert : l'OG ne compte dans aucune grappe."
REASON_TOO_COSTLY = (
    "Trop éloigné ou trop différent des autres OG : l'ajouter à une grappe coûterait plus "
    "que de le laisser seul."
)


@dataclass(frozen=True)
class Candidate:
    """An OG open to cooperation, with what matching needs to know about it."""

    id: int
    name: str
    essms: int  # open eligible ESSMS it brings
    points: tuple[tuple[float, float], ...]  # (lat, lon) of its ESSMS, may be empty
    editor: str | None = None  # main DUI editor
    solution: str | None = None  # main DUI solution
    hosting: str | None = None  # "saas", "external", "on_premise" or None
    maturity: float | None = None  # 0–4, None when not assessed
    sectors: frozenset[str] = frozenset()  # sector codes ("pa", "ph_adultes"…)


@dataclass(frozen=True)
class Weights:
    """Cost of putting two OGs in the same grappe, in kilometre-equivalents.

    One km between the centres of two OGs costs ``distance_km``; the other weights say how
    many km an OG would rather travel to avoid each mismatch. Different DUI editors cost 60
    (a common editor means one procurement, shared training and REX; same editor but another
    solution: half). Different hosting modes cost 30 (half between SaaS and external hosting,
    both off site). Each point of maturity gap costs 20 (a full 0–4 gap = 80 km: an
    equivalent level eases cooperation, but different levels are accepted).
    Missing data gets a neutral value: unknown editor or hosting costs half the mismatch, an
    OG without located ESSMS is ``missing_distance_km`` away (about a third of a région), an
    unassessed OG is ``missing_maturity_gap`` points away.
    """

    distance_km: float = 1.0
    editor: float = 60.0
    hosting: float = 30.0
    maturity: float = 20.0
    missing_distance_km: float = 100.0
    missing_maturity_gap: float = 1.0


DEFAULT_WEIGHTS = Weights()


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


@dataclass(frozen=True)
class Group:
    members: tuple[Candidate, ...]
    essms: int
    cost: float
    national: bool  # essms >= national_threshold
    explanation: tuple[str, ...]  # French sentences


@dataclass(frozen=True)
class Partition:
    groups: tuple[Group, ...]
    unassigned: tuple[tuple[Candidate, str], ...]  # with the French reason
    cost: float  # partition_cost of the groups and unassigned OGs
    optimal: bool | None = None  # exact model: proven optimal or not; heuristic: None
    lower_bound: float | None = None  # exact model: proven lower bound of the cost


# --- Pair costs -------------------------------------------------------------------------


def _centroid(candidate: Candidate) -> tuple[float, float] | None:
    if not candidate.points:
        return None
    count = len(candidate.points)
    return (
        sum(p[0] for p in candidate.points) / count,
        sum(p[1] for p in candidate.points) / count,
    )


def _haversine(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lat2 = math.radians(p[0]), math.radians(q[0])
    dlat, dlon = lat2 - lat1, math.radians(q[1] - p[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Candidate, b: Candidate) -> float | None:
    """Great-circle distance between the centroids of two OGs' ESSMS; None without points."""
    ca, cb = _centroid(a), _centroid(b)
    if ca is None or cb is None:
        return None
    return _haversine(ca, cb)


def _nearest_km(a: Candidate, b: Candidate) -> float | None:
    """Distance between the two closest ESSMS of two OGs; None without points."""
    if not a.points or not b.points:
        return None
    return min(_haversine(p, q) for p in a.points for q in b.points)


def _dui_mismatch(a: Candidate, b: Candidate) -> float:
    """0 same solution, 1 different editors, 0.5 same editor or unknown."""
    if a.solution and a.solution == b.solution:
        return 0.0
    if a.editor and b.editor:
        return 0.5 if a.editor == b.editor else 1.0
    return 0.5


def _hosting_mismatch(a: Candidate, b: Candidate) -> float:
    """0 same mode, 1 different modes, 0.5 SaaS with external hosting or unknown."""
    if not a.hosting or not b.hosting:
        return 0.5
    if a.hosting == b.hosting:
        return 0.0
    return 0.5 if {a.hosting, b.hosting} <= EXTERNAL_HOSTING else 1.0


def _cost(km: float | None, a: Candidate, b: Candidate, weights: Weights) -> float:
    if a.maturity is None or b.maturity is None:
        gap = weights.missing_maturity_gap
    else:
        gap = abs(a.maturity - b.maturity)
    return (
        weights.distance_km * (weights.missing_distance_km if km is None else km)
        + weights.editor * _dui_mismatch(a, b)
        + weights.hosting * _hosting_mismatch(a, b)
        + weights.maturity * gap
    )


def pair_cost(a: Candidate, b: Candidate, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Cost (≥ 0, symmetric) of putting two OGs in the same grappe; see ``Weights``."""
    return _cost(distance_km(a, b), a, b, weights)


def group_cost(members: Sequence[Candidate], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Sum of ``pair_cost`` over the pairs of OGs in a grappe."""
    centroids = [_centroid(m) for m in members]
    total = 0.0
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            ca, cb = centroids[i], centroids[j]
            km = None if ca is None or cb is None else _haversine(ca, cb)
            total += _cost(km, a, members[j], weights)
    return total


def partition_cost(
    groups: Iterable[Group | Sequence[Candidate]],
    unassigned: Iterable[Candidate | tuple[Candidate, str]],
    weights: Weights = DEFAULT_WEIGHTS,
) -> float:
    """Objective of both solvers: group costs + ``UNASSIGNED_PENALTY`` per ESSMS left out."""
    total = 0.0
    for group in groups:
        total += group_cost(group.members if isinstance(group, Group) else group, weights)
    for item in unassigned:
        candidate = item[0] if isinstance(item, tuple) else item
        total += UNASSIGNED_PENALTY * max(0, candidate.essms)
    return total


# --- Partner score ----------------------------------------------------------------------


def _fr(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _km(value: float) -> str:
    return "moins de 1 km" if value < 1 else f"{round(value)} km"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _unknown(me_known: bool, other_known: bool) -> str:
    whom = "pour vous" if other_known else "pour ce partenaire"
    if not me_known and not other_known:
        whom = "pour vous deux"
    return f"Information non renseignée {whom} : valeur neutre (la moitié des points)."


def _solution_criterion(me: Candidate, other: Candidate) -> Criterion:
    points = SCORE_POINTS["solution"] * (1 - _dui_mismatch(me, other))
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
    points = SCORE_POINTS["hosting"] * (1 - _hosting_mismatch(me, other))
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
        label = f"Établissements proches ({_km(centre_km)})"
    elif centre_km < DISTANCE_RANGE_KM:
        label = f"Établissements à distance moyenne ({_km(centre_km)})"
    else:
        label = f"Établissements éloignés ({_km(centre_km)})"
    detail = f"{_km(centre_km)} entre les centres de vos implantations"
    if nearest_km is not None:
        detail = f"{_km(nearest_km)} entre vos établissements les plus proches ; {detail}"
    detail += f" (aucun point au-delà de {_km(DISTANCE_RANGE_KM)})."
    return Criterion("distance", label, points, detail)


def _maturity_criterion(me: Candidate, other: Candidate) -> Criterion:
    top = SCORE_POINTS["maturity"]
    if me.maturity is None or other.maturity is None:
        detail = _unknown(me.maturity is not None, other.maturity is not None)
        return Criterion("maturity", "Maturité numérique non évaluée", top / 2, detail)
    gap = abs(me.maturity - other.maturity)
    levels = f"{_fr(me.maturity)} et {_fr(other.maturity)} sur 4"
    if gap <= 0.5:
        label = f"Maturité numérique proche ({levels})"
    elif gap <= 1.5:
        label = f"Maturité numérique assez proche ({levels})"
    else:
        label = f"Maturité numérique éloignée ({levels})"
    detail = f"Écart de {_fr(gap)} point sur 4 : un niveau équivalent facilite la coopération."
    return Criterion("maturity", label, top * max(0.0, 1 - gap / MATURITY_MAX), detail)


def _sector_criterion(me: Candidate, other: Candidate) -> Criterion:
    top = SCORE_POINTS["sector"]
    if not me.sectors or not other.sectors:
        detail = _unknown(bool(me.sectors), bool(other.sectors))
        return Criterion("sector", "Secteurs d'activité non renseignés", top / 2, detail)
    shared, union = len(me.sectors & other.sectors), len(me.sectors | other.sectors)
    label = "Secteurs d'activité en commun" if shared else "Aucun secteur d'activité commun"
    detail = f"{_plural(shared, 'secteur')} en commun sur {union} au total."
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
    return _partner_score(me, other, min_essms, distance_km(me, other), _nearest_km(me, other))


def rank_partners(
    me: Candidate, others: Iterable[Candidate], limit: int = 20, min_essms: int = 15
) -> list[PartnerScore]:
    """The ``limit`` best partners of ``me`` (itself excluded), best first, ties by id."""
    centre = _centroid(me)
    scored = []
    for other in others:
        if other.id == me.id:
            continue
        theirs = _centroid(other)
        km = None if centre is None or theirs is None else _haversine(centre, theirs)
        # The closest-ESSMS distance only feeds a detail: computed for the kept ones only.
        scored.append(_partner_score(me, other, min_essms, km, None))
    best = heapq.nsmallest(limit, scored, key=lambda s: (-s.total, s.candidate.id))
    return [partner_score(me, s.candidate, min_essms) for s in best]


# --- Grappes: shared helpers ------------------------------------------------------------


def prepare(
    candidates: Iterable[Candidate], min_essms: int
) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    """OGs that can join a grappe (sorted by id), and the others with the French reason."""
    usable, unassigned = [], []
    for candidate in sorted(candidates, key=lambda c: c.id):
        if candidate.essms > 0:
            usable.append(candidate)
        else:
            unassigned.append((candidate, REASON_NO_ESSMS))
    total = sum(c.essms for c in usable)
    if total < min_essms:
        reason = (
            f"Les OG ouverts à la coopération réunissent {total} ESSMS au total, "
            f"moins que les {min_essms} requis pour une grappe."
        )
        unassigned += [(c, reason) for c in usable]
        usable = []
    return usable, unassigned


def _count_sentence(values: list[str | None], what: str, labels: dict[str, str]) -> str:
    known = [v for v in values if v]
    missing = len(values) - len(known)
    counts: dict[str, int] = defaultdict(int)
    for value in known:
        counts[value] += 1
    if len(counts) == 1 and not missing:
        return f"{what} commun à tous : {labels.get(known[0], known[0])}."
    if not counts:
        return f"{what} non renseigné pour tous les OG."
    parts = [
        f"{labels.get(v, v)} ({n})" for v, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]
    if missing:
        parts.append(f"non renseigné ({missing})")
    return f"{what} : {', '.join(parts)}."


def _explain(
    members: Sequence[Candidate], essms: int, min_essms: int, national_threshold: int
) -> tuple[str, ...]:
    size = f"{len(members)} OG, {essms} ESSMS"
    if essms >= national_threshold:
        call = f"{size} : relève de l'appel national ({national_threshold} ESSMS ou plus)."
    else:
        call = (
            f"{size} : éligible à l'appel à projets régional "
            f"({min_essms} à {national_threshold - 1} ESSMS)."
        )
    if len(members) == 1:
        return (call, "OG éligible seul : aucun partenaire n'est nécessaire.")
    sentences = [call]
    centroids = [c for c in map(_centroid, members) if c is not None]
    if len(centroids) >= 2:
        pairs = [_haversine(p, q) for i, p in enumerate(centroids) for q in centroids[i + 1 :]]
        sentences.append(
            f"Au plus {_km(max(pairs))} entre les OG (en moyenne {_km(sum(pairs) / len(pairs))})."
        )
    if len(centroids) < len(members):
        sentences.append(f"Localisation inconnue pour {len(members) - len(centroids)} OG.")
    solutions = [m.solution for m in members]
    if all(solutions) and len(set(solutions)) == 1:
        sentences.append(f"Même solution DUI pour tous : {solutions[0]}.")
    else:
        sentences.append(_count_sentence([m.editor for m in members], "Éditeur DUI", {}))
    sentences.append(
        _count_sentence([m.hosting for m in members], "Mode d'hébergement", HOSTING_LABELS)
    )
    levels = [m.maturity for m in members if m.maturity is not None]
    if levels:
        low, high = min(levels), max(levels)
        text = f"Maturité numérique de {_fr(low)} à {_fr(high)} sur 4 (écart {_fr(high - low)})"
        if _fr(low) == _fr(high):
            text = f"Même maturité numérique : {_fr(low)} sur 4"
        if len(levels) < len(members):
            text += f" ; non évaluée pour {len(members) - len(levels)} OG"
        sentences.append(text + ".")
    else:
        sentences.append("Maturité numérique non évaluée.")
    return tuple(sentences)


def build_group(
    members: Sequence[Candidate],
    weights: Weights = DEFAULT_WEIGHTS,
    min_essms: int = 15,
    national_threshold: int = 50,
) -> Group:
    """A ``Group`` of these OGs (sorted by id), with its cost, call and explanation."""
    ordered = tuple(sorted(members, key=lambda c: c.id))
    essms = sum(c.essms for c in ordered)
    return Group(
        members=ordered,
        essms=essms,
        cost=group_cost(ordered, weights),
        national=essms >= national_threshold,
        explanation=_explain(ordered, essms, min_essms, national_threshold),
    )


def build_partition(
    groups: Iterable[Sequence[Candidate]],
    unassigned: Iterable[tuple[Candidate, str]],
    weights: Weights = DEFAULT_WEIGHTS,
    min_essms: int = 15,
    national_threshold: int = 50,
    optimal: bool | None = None,
    lower_bound: float | None = None,
) -> Partition:
    """A ``Partition`` (grappes ordered by their first OG id) and its ``partition_cost``."""
    built = sorted(
        (build_group(g, weights, min_essms, national_threshold) for g in groups),
        key=lambda g: g.members[0].id,
    )
    left = tuple(sorted(unassigned, key=lambda u: u[0].id))
    cost = partition_cost(built, left, weights)
    return Partition(tuple(built), left, cost, optimal, lower_bound)


# --- Grappes: heuristic -----------------------------------------------------------------


class _Grid:
    """Uniform grid over projected points (km), for k-nearest queries and removals."""

    def __init__(self, xy: dict[int, tuple[float, float]], cell: float):
        self.xy, self.cell = xy, cell
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in sorted(xy):
            self.cells[self._key(*xy[i])].append(i)
        keys = list(self.cells) or [(0, 0)]
        self.bounds = (
            min(k[0] for k in keys),
            max(k[0] for k in keys),
            min(k[1] for k in keys),
            max(k[1] for k in keys),
        )

    def _key(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.cell), math.floor(y / self.cell)

    def remove(self, i: int) -> None:
        self.cells[self._key(*self.xy[i])].remove(i)

    def nearest(self, x: float, y: float, k: int, skip: int = -1) -> list[int]:
        """The ``k`` stored points nearest to (x, y), ``skip`` excluded, ties by index."""
        cx, cy = self._key(x, y)
        x0, x1, y0, y1 = self.bounds
        last = max(abs(cx - x0), abs(cx - x1), abs(cy - y0), abs(cy - y1))
        found: list[tuple[float, int]] = []
        for r in range(last + 1):
            for dx in range(-r, r + 1):
                step = 1 if abs(dx) == r else 2 * r
                for dy in range(-r, r + 1, max(1, step)):
                    for j in self.cells.get((cx + dx, cy + dy), ()):
                        if j != skip:
                            px, py = self.xy[j]
                            found.append(((px - x) ** 2 + (py - y) ** 2, j))
            # Points beyond ring r are at least r cells away from (x, y).
            if len(found) >= k and heapq.nsmallest(k, found)[-1][0] <= (r * self.cell) ** 2:
                break
        return [j for _, j in heapq.nsmallest(k, found)]


class _Heuristic:
    """Greedy construction, local search and ruin-and-recreate, on OG indices.

    State: ``groups`` (lists of OG indices, empty once dissolved), ``group_essms``,
    ``group_of`` (-1 outside any group); ``dirty`` holds the groups changed since the
    group-level moves last looked at them.
    """

    def __init__(self, candidates: list[Candidate], min_essms: int, weights: Weights):
        self.cands, self.min, self.weights = candidates, min_essms, weights
        self.n = len(candidates)
        self.essms = [c.essms for c in candidates]
        self.centroids = [_centroid(c) for c in candidates]
        self.cache: dict[int, float] = {}
        located = [i for i, c in enumerate(self.centroids) if c is not None]
        # Equirectangular projection around the mean latitude: enough to find neighbours.
        lat0 = sum(self.centroids[i][0] for i in located) / len(located) if located else 0.0
        kx = KM_PER_DEGREE * math.cos(math.radians(lat0))
        self.xy = {
            i: (self.centroids[i][1] * kx, self.centroids[i][0] * KM_PER_DEGREE) for i in located
        }
        self.cell = self._cell_size(located)
        grid = _Grid(self.xy, self.cell)
        self.near = [[] for _ in range(self.n)]
        for i in located:
            self.near[i] = grid.nearest(*self.xy[i], NEIGHBOURS, skip=i)
        self.group_of = [-1] * self.n
        self.groups: list[list[int]] = []
        self.group_essms: list[int] = []
        self.dirty: set[int] = set()
        self.tried: set[frozenset[tuple[int, ...]]] = set()  # group sets already re-optimised
        self.work = WORK_BUDGET  # branch-and-bound nodes left for the whole search

    def _cell_size(self, located: list[int]) -> float:
        if len(located) < 2:
            return 1.0
        xs, ys = [self.xy[i][0] for i in located], [self.xy[i][1] for i in located]
        area = max(1.0, (max(xs) - min(xs)) * (max(ys) - min(ys)))
        return max(1.0, 1.5 * math.sqrt(area / len(located)))

    # Costs

    def cost(self, i: int, j: int) -> float:
        key = i * self.n + j if i < j else j * self.n + i
        value = self.cache.get(key)
        if value is None:
            ci, cj = self.centroids[i], self.centroids[j]
            km = None if ci is None or cj is None else _haversine(ci, cj)
            value = self.cache[key] = _cost(km, self.cands[i], self.cands[j], self.weights)
        return value

    def link(self, i: int, members: Iterable[int], skip: int = -1) -> float:
        """Sum of the costs between OG i and the members (``skip`` and i excluded)."""
        return sum(self.cost(i, m) for m in members if m != skip and m != i)

    def group_cost(self, members: Sequence[int]) -> float:
        return sum(
            self.cost(a, members[k])
            for i, a in enumerate(members)
            for k in range(i + 1, len(members))
        )

    def total(self) -> float:
        """The objective: ``partition_cost`` of the current state."""
        left = sum(self.essms[i] for i in range(self.n) if self.group_of[i] < 0)
        return sum(self.group_cost(members) for members in self.groups) + UNASSIGNED_PENALTY * left

    # State

    def assign(self, g: int, members: list[int]) -> None:
        """Make group g (a new one when g == len(groups)) hold exactly these OGs."""
        if g == len(self.groups):
            self.groups.append([])
            self.group_essms.append(0)
        self.groups[g] = members
        self.group_essms[g] = sum(self.essms[m] for m in members)
        for m in members:
            self.group_of[m] = g
        self.dirty.add(g)

    def open(self, members: list[int]) -> None:
        self.assign(len(self.groups), members)

    def put(self, i: int, g: int) -> None:
        """Move OG i into group g (from its group, if any)."""
        old = self.group_of[i]
        if old >= 0:
            self.groups[old].remove(i)
            self.group_essms[old] -= self.essms[i]
            self.dirty.add(old)
        self.groups[g].append(i)
        self.group_essms[g] += self.essms[i]
        self.group_of[i] = g
        self.dirty.add(g)

    def live(self) -> list[int]:
        return [g for g, members in enumerate(self.groups) if members]

    def snapshot(self) -> tuple[list[list[int]], list[int]]:
        return [list(members) for members in self.groups], list(self.group_of)

    def restore(self, state: tuple[list[list[int]], list[int]]) -> None:
        groups, self.group_of = state[0], list(state[1])
        self.groups = [list(members) for members in groups]
        self.group_essms = [sum(self.essms[m] for m in members) for members in groups]
        self.dirty = set()

    def candidate_groups(self, i: int) -> list[int]:
        """Groups of i's nearest neighbours; every group for an OG without location."""
        found = {self.group_of[j] for j in self.near[i]} - {-1, self.group_of[i]}
        if not found:
            found = set(self.live()) - {self.group_of[i]}
        return sorted(found)

    def neighbour_groups(self, g: int) -> list[int]:
        """Other groups holding nearest neighbours of g's OGs, most neighbours first."""
        counts: dict[int, int] = defaultdict(int)
        for m in self.groups[g]:
            for j in self.near[m]:
                h = self.group_of[j]
                if h not in (g, -1):
                    counts[h] += 1
        return sorted(counts, key=lambda h: (-counts[h], h))

    # Construction

    def grow(
        self, seed: int, pool: Callable[[], list[int]], take: Callable[[int], None]
    ) -> list[int]:
        """Grow a group from ``seed`` by the cheapest addition per ESSMS still needed."""
        take(seed)
        group, total = [seed], self.essms[seed]
        while total < self.min:
            options = pool()
            if not options:
                break
            need = self.min - total
            best = min(options, key=lambda j: (self.link(j, group) / min(self.essms[j], need), j))
            take(best)
            group.append(best)
            total += self.essms[best]
        return group

    def construct(self) -> list[int]:
        """Open the groups; return the OGs left over (last groups that stayed too small)."""
        small = [i for i in range(self.n) if self.essms[i] < self.min]
        for i in range(self.n):
            if self.essms[i] >= self.min:
                self.open([i])
        # Located OGs: seeds from the edge of the territory inwards, pools of neighbours.
        located = [i for i in small if i in self.xy]
        grid = _Grid({i: self.xy[i] for i in located}, self.cell)
        remaining = set(small)

        def take_located(j: int) -> None:
            grid.remove(j)
            remaining.discard(j)

        if located:
            mx = sum(self.xy[i][0] for i in located) / len(located)
            my = sum(self.xy[i][1] for i in located) / len(located)
            located.sort(
                key=lambda i: (-((self.xy[i][0] - mx) ** 2 + (self.xy[i][1] - my) ** 2), i)
            )
        # OGs without location: grouped among themselves, similar profiles side by side.
        unlocated = sorted((i for i in small if i not in self.xy), key=self._profile_key)
        leftovers: list[int] = []
        for seed in located + unlocated:
            if seed not in remaining:
                continue
            if seed in self.xy:
                xy = self.xy[seed]
                group = self.grow(seed, lambda xy=xy: grid.nearest(*xy, POOL), take_located)
            else:
                group = self.grow(
                    seed,
                    lambda: [j for j in unlocated if j in remaining][:POOL],
                    remaining.discard,
                )
            if sum(self.essms[m] for m in group) >= self.min:
                self.open(group)
            else:
                leftovers += group
        return leftovers

    def _profile_key(self, i: int) -> tuple[str, str, str, float, int]:
        c = self.cands[i]
        maturity = -1.0 if c.maturity is None else c.maturity
        return (c.editor or "", c.solution or "", c.hosting or "", maturity, i)

    def insert(self, leftovers: list[int]) -> list[int]:
        """Put each leftover in its cheapest group; return those it is cheaper to leave out."""
        if not self.live():
            self.open(leftovers)  # the total reaches the minimum: one grappe, split later
            return []
        out = []
        for i in sorted(leftovers, key=lambda i: (-self.essms[i], i)):
            added, g = min((self.link(i, self.groups[g]), g) for g in self.candidate_groups(i))
            if added > UNASSIGNED_PENALTY * self.essms[i]:
                out.append(i)
            else:
                self.put(i, g)
        return out

    # Local search: moves and swaps of one OG

    def try_move(self, i: int) -> tuple[int, int] | None:
        """Move i to the group where it costs least, if that lowers the objective."""
        a = self.group_of[i]
        if self.group_essms[a] - self.essms[i] < self.min:
            return None
        saved = self.link(i, self.groups[a])
        best, target = -EPS, -1
        for b in self.candidate_groups(i):
            delta = self.link(i, self.groups[b]) - saved
            if delta < best:
                best, target = delta, b
        if target < 0:
            return None
        self.put(i, target)
        return a, target

    def try_swap(self, i: int) -> tuple[int, int] | None:
        """Swap i with a neighbour of another group, if feasible and cheaper."""
        a = self.group_of[i]
        best, partner = -EPS, -1
        for j in self.near[i]:
            b = self.group_of[j]
            if b in (a, -1):
                continue
            diff = self.essms[j] - self.essms[i]
            if self.group_essms[a] + diff < self.min or self.group_essms[b] - diff < self.min:
                continue
            ga, gb = self.groups[a], self.groups[b]
            delta = (
                self.link(j, ga, skip=i)
                - self.link(i, ga)
                + self.link(i, gb, skip=j)
                - self.link(j, gb)
            )
            if delta < best:
                best, partner = delta, j
        if partner < 0:
            return None
        b = self.group_of[partner]
        self.put(i, b)
        self.put(partner, a)
        return a, b

    def descend(self, queue: list[int]) -> None:
        """Moves and swaps until none improves, from the OGs queued and those they affect."""
        pending = set(queue)
        order = sorted(pending)
        while order:
            i = order.pop()
            pending.discard(i)
            if self.group_of[i] < 0:
                continue
            touched = self.try_move(i) or self.try_swap(i)
            if touched:
                woken = set(self.groups[touched[0]]) | set(self.groups[touched[1]])
                woken |= set(self.near[i])
                for j in woken - pending:
                    pending.add(j)
                    order.append(j)

    # Local search: group-level moves

    def split(self, g: int) -> list[int]:
        """Cut group g in two feasible halves, greedily grown from each member, if cheaper."""
        members = self.groups[g]
        if self.group_essms[g] < 2 * self.min:
            return []
        best, halves = self.group_cost(members) - EPS, None
        for seed in members:
            part, rest = [seed], [m for m in members if m != seed]
            size = self.essms[seed]
            while size < self.min and rest:
                j = min(rest, key=lambda j: (self.link(j, part) - self.link(j, rest), j))
                part.append(j)
                rest.remove(j)
                size += self.essms[j]
            if size < self.min or sum(self.essms[m] for m in rest) < self.min:
                continue
            value = self.group_cost(part) + self.group_cost(rest)
            if value < best:
                best, halves = value, (part, rest)
        if halves is None:
            return []
        self.assign(g, halves[0])
        self.open(halves[1])
        return members

    def dissolve(self, g: int) -> list[int]:
        """Spread group g's OGs over other groups when that is cheaper than keeping it."""
        members = self.groups[g]
        if len(members) < 2:
            return []
        saved = self.group_cost(members) - EPS
        added, plan = 0.0, []
        joining: dict[int, list[int]] = defaultdict(list)  # OGs planned into each group
        for i in sorted(members, key=lambda i: (-self.essms[i], i)):
            options = [
                (self.link(i, self.groups[h]) + self.link(i, joining[h]), h)
                for h in self.candidate_groups(i)
            ]
            if not options:
                return []
            cost, h = min(options)
            added += cost
            if added >= saved:
                return []
            joining[h].append(i)
            plan.append((i, h))
        for i, h in plan:
            self.put(i, h)
        return members

    def reoptimise(self, slots: list[int], budget: int) -> tuple[list[list[int]] | None, int]:
        """Best split of these groups' OGs into feasible groups (one more at most), if cheaper.

        Branch and bound: OGs by decreasing ESSMS go to an open group or a new one, cheapest
        first. A branch stops when the OGs left cannot fill the groups still too small, or when
        its cost plus a lower bound reaches the best known. Bound: each OG left pays at least
        its smallest link to an open group or to an earlier OG left (which may open a new
        group), except the few that open the groups still to open. Returns the groups found
        (None if none is cheaper) and the nodes explored, at most ``budget``.
        """
        members = sorted(
            (m for g in slots for m in self.groups[g]), key=lambda i: (-self.essms[i], i)
        )
        essms = [self.essms[m] for m in members]
        count, width = len(members), min(len(slots) + 1, sum(essms) // self.min)
        cost = [[self.cost(a, b) if a != b else 0.0 for b in members] for a in members]
        after = [sum(essms[pos:]) for pos in range(count + 1)]
        # reach[i][p]: smallest cost between i and an OG placed at p..i-1.
        reach = []
        for i in range(count):
            row, low = [math.inf] * (i + 1), math.inf
            for p in range(i - 1, -1, -1):
                low = min(low, cost[i][p])
                row[p] = low
            reach.append(row)
        links = [[0.0] * count for _ in range(width)]  # links[k][i]: cost of i joining part k
        parts: list[list[int]] = []
        sizes: list[int] = []
        best = [sum(self.group_cost(self.groups[g]) for g in slots) - EPS]
        found: list[list[list[int]]] = []
        nodes = [0]

        def bound(pos: int) -> float:
            rows, free = links[: len(parts)], width - len(parts)
            lows = []
            for i in range(pos, count):
                low = min(row[i] for row in rows) if rows else math.inf
                if free and i > pos:
                    low = min(low, reach[i][pos])
                lows.append(low)
            if free:
                lows.sort()
                del lows[len(lows) - free :]
            return sum(lows)

        def branch(pos: int, value: float) -> None:
            nodes[0] += 1
            if nodes[0] > budget:
                return
            if sum(self.min - s for s in sizes if s < self.min) > after[pos]:
                return
            if pos == count:
                best[0] = value
                found.append([[members[i] for i in part] for part in parts])
                return
            if value + bound(pos) >= best[0]:
                return
            opened = len(parts)
            options = [(value + links[k][pos], k) for k in range(opened)]
            if opened < width:
                options.append((value, opened))
            row_cost = cost[pos]
            for new_value, k in sorted(options):
                if new_value >= best[0]:
                    break
                if k == len(parts):
                    parts.append([])
                    sizes.append(0)
                row = links[k]
                saved = row[pos + 1 :]
                for i in range(pos + 1, count):
                    row[i] += row_cost[i]
                parts[k].append(pos)
                sizes[k] += essms[pos]
                branch(pos + 1, new_value)
                parts[k].pop()
                sizes[k] -= essms[pos]
                row[pos + 1 :] = saved
                if not parts[k]:
                    parts.pop()
                    sizes.pop()

        branch(0, 0.0)
        return (found[-1] if found else None), nodes[0]

    def recombine(self, g: int) -> list[int]:
        """Re-optimise g with each of its closest groups, then with pairs of them."""
        around = self.neighbour_groups(g)
        top = around[:RECOMBINE_TRIPLES]
        combos = [[g, h] for h in around[:RECOMBINE_PAIRS]]
        combos += [[g, h, k] for a, h in enumerate(top) for k in top[a + 1 :]]
        for slots in combos:
            limit = RECOMBINE_MAX_OGS[len(slots)]
            if self.work <= 0 or sum(len(self.groups[s]) for s in slots) > limit:
                continue
            key = frozenset(tuple(sorted(self.groups[s])) for s in slots)
            if key in self.tried:
                continue
            self.tried.add(key)
            parts, used = self.reoptimise(slots, min(NODE_BUDGET, self.work))
            self.work -= used
            if parts is not None:
                parts += [[] for _ in range(len(slots) + 1 - len(parts))]
                for s, part in zip(slots, parts, strict=False):
                    self.assign(s, part)
                if parts[-1]:
                    self.open(parts[-1])
                return [m for part in parts for m in part]
        return []

    def improve(self, queue: list[int]) -> None:
        """Local search until no move, swap, split, dissolution or recombination improves."""
        for _ in range(MAX_ROUNDS):
            self.descend(queue)
            todo, self.dirty = sorted(self.dirty), set()
            queue = []
            for step in (self.split, self.dissolve, self.recombine):
                for g in todo:
                    if self.groups[g]:
                        queue += step(g)
            if not queue:
                return

    # Ruin and recreate

    def kick(self, rng: random.Random) -> list[int]:
        """Dissolve a few neighbouring groups and regroup their OGs from random seeds."""
        g = rng.choice(self.live())
        around = self.neighbour_groups(g)[:KICK_CHOICES]
        region = [g, *rng.sample(around, min(len(around), KICK_GROUPS - 1))]
        members = [m for h in region for m in self.groups[h]]
        for h in region:
            self.assign(h, [])
        for m in members:
            self.group_of[m] = -1
        order = rng.sample(members, len(members))
        remaining = set(members)
        slots, leftovers = list(region), []
        for seed in order:
            if seed in remaining:
                group = self.grow(
                    seed, lambda: [j for j in order if j in remaining], remaining.discard
                )
                if sum(self.essms[m] for m in group) < self.min:
                    leftovers += group
                elif slots:
                    self.assign(slots.pop(), group)
                else:
                    self.open(group)
        self.insert(leftovers)
        return members

    def solve(self) -> tuple[list[list[int]], list[int]]:
        """The groups, and the OGs it is cheaper to leave out."""
        self.insert(self.construct())
        self.improve([i for i in range(self.n) if self.group_of[i] >= 0])
        best, best_cost = self.snapshot(), self.total()
        rng = random.Random(0)
        for _ in range(KICKS):
            if len(self.live()) < 2 or self.work <= 0:
                break
            touched = self.kick(rng)
            self.improve(touched)
            cost = self.total()
            if cost < best_cost - EPS:
                best, best_cost = self.snapshot(), cost
            else:
                self.restore(best)
        self.restore(best)
        out = [i for i in range(self.n) if self.group_of[i] < 0]
        return [self.groups[g] for g in self.live()], out


def suggest_grappes(
    candidates: Iterable[Candidate],
    min_essms: int = 15,
    national_threshold: int = 50,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Partition:
    """Heuristic partition of the OGs into eligible grappes, minimising ``partition_cost``.

    Deterministic (fixed random seed). OGs reaching ``min_essms`` alone start as grappes of
    one; the others grow grappes from seeds taken from the edge of the territory inwards,
    adding the nearby OG of lowest cost per ESSMS still needed; a last, too small group is
    spread over the cheapest grappes. A local search then, while the objective decreases and
    every grappe keeps ``min_essms`` ESSMS: moves and swaps OGs between neighbouring grappes,
    splits grappes that can be cut in two, spreads grappes whose OGs cost less elsewhere, and
    re-optimises pairs and triples of neighbouring grappes by branch and bound. Last, ``KICKS``
    rounds of ruin and recreate: a few neighbouring grappes are regrouped from random seeds,
    the local search resumes, and the result is kept only if the objective improves. The work
    is bounded (neighbour lists, ``WORK_BUDGET``): about 6 s for the largest région.
    """
    usable, unassigned = prepare(candidates, min_essms)
    groups: list[list[Candidate]] = []
    if usable:
        solver = _Heuristic(usable, min_essms, weights)
        indices, out = solver.solve()
        groups = [[usable[i] for i in g] for g in indices]
        unassigned += [(usable[i], REASON_TOO_COSTLY) for i in out]
    return build_partition(groups, unassigned, weights, min_essms, national_threshold)
