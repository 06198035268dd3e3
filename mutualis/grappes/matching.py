"""Grappe matching: the model shared by the partner score and the grappe solvers.

Pure Python (no Django, no ORM): the app turns its models into ``Candidate`` values.

- ``partner_score.rank_partners``: for one OG, candidate partners ranked by a 0–100 score
  whose criteria are explained in French.
- ``matching_heuristic.suggest_grappes``: for a territory, a partition of the OGs open to
  cooperation into eligible grappes (OGs kept whole, each grappe ≥ ``min_essms`` ESSMS).
  ``matching_exact`` and ``matching_bound`` solve the same problem exactly, to check it.

Objective shared by the solvers (``partition_cost``), in kilometre-equivalents: the sum, over
grappes, of ``pair_cost`` over every pair of OGs in the grappe, plus ``UNASSIGNED_PENALTY`` per
ESSMS left out. Summing over pairs makes the cost grow with the square of a grappe's size, so
grappes stay close to the minimum and an OG reaching the minimum alone is a grappe of its own
(cost 0). Grappes of ``national_threshold`` ESSMS or more are flagged, not penalised: the
quadratic cost already keeps grappes small, the routing rules change every year (in 2024 a
one-region grappe of 50+ stayed regional) and a penalty would push a small OG away from a big
neighbour that could welcome it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
# Cost per ESSMS left out: far above any plausible cost of joining a grappe (a pair costs at
# most a few hundred), so covering every OG comes first.
UNASSIGNED_PENALTY = 100_000.0
HOSTING_LABELS = {"saas": "SaaS", "external": "hébergement externe", "on_premise": "sur site"}
EXTERNAL_HOSTING = frozenset({"saas", "external"})  # data hosted outside the OG in both cases
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
    place: str = ""  # French, e.g. "Lyon (Rhône)": its main commune and département
    on_platform: bool = False  # someone of the OG has an account on the platform


def combined(members: Sequence[Candidate], id: int, name: str) -> Candidate:
    """Several OGs seen as one (the members of a grappe looking for partners): all their
    ESSMS and sectors, the editor, solution and hosting of most ESSMS, the mean maturity."""

    def main(values: list[tuple[str | None, int]]) -> str | None:
        weights: dict[str, int] = defaultdict(int)
        for value, essms in values:
            if value:
                weights[value] += max(1, essms)
        return min(weights, key=lambda v: (-weights[v], v)) if weights else None

    levels = [m.maturity for m in members if m.maturity is not None]
    return Candidate(
        id=id,
        name=name,
        essms=sum(m.essms for m in members),
        points=tuple(p for m in members for p in m.points),
        editor=main([(m.editor, m.essms) for m in members]),
        solution=main([(m.solution, m.essms) for m in members]),
        hosting=main([(m.hosting, m.essms) for m in members]),
        maturity=sum(levels) / len(levels) if levels else None,
        sectors=frozenset().union(*(m.sectors for m in members)),
        on_platform=True,
    )


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


def centroid(candidate: Candidate) -> tuple[float, float] | None:
    if not candidate.points:
        return None
    count = len(candidate.points)
    return (
        sum(p[0] for p in candidate.points) / count,
        sum(p[1] for p in candidate.points) / count,
    )


def haversine_km(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lat2 = math.radians(p[0]), math.radians(q[0])
    dlat, dlon = lat2 - lat1, math.radians(q[1] - p[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Candidate, b: Candidate) -> float | None:
    """Great-circle distance between the centroids of two OGs' ESSMS; None without points."""
    ca, cb = centroid(a), centroid(b)
    if ca is None or cb is None:
        return None
    return haversine_km(ca, cb)


def nearest_km(a: Candidate, b: Candidate) -> float | None:
    """Distance between the two closest ESSMS of two OGs; None without points."""
    if not a.points or not b.points:
        return None
    small, large = sorted((a.points, b.points), key=len)
    return NearestIndex(large).nearest(small)


class NearestIndex:
    """The ESSMS of one OG in a grid of ``cell_deg`` degree cells, to find the distance from
    another OG's nearest ESSMS without comparing every pair (an OG of 700 ESSMS against
    hundreds of partners). Rings of cells are searched outwards until no unseen cell can
    hold a closer ESSMS; distances are great-circle (``haversine_km``)."""

    def __init__(self, points: Iterable[tuple[float, float]], cell_deg: float = 0.25):
        self.cell = cell_deg
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        self.max_lat = 0.0
        for point in points:
            self.cells[self._key(point)].append(point)
            self.max_lat = max(self.max_lat, abs(point[0]))
        rows, columns = [k[0] for k in self.cells], [k[1] for k in self.cells]
        self.bounds = (min(rows), max(rows), min(columns), max(columns)) if self.cells else None

    def _key(self, point: tuple[float, float]) -> tuple[int, int]:
        return (math.floor(point[0] / self.cell), math.floor(point[1] / self.cell))

    def _ring(self, centre: tuple[int, int], radius: int):
        """The cells ``radius`` rings around ``centre``, clipped to the indexed area."""
        i, j = centre
        lat_min, lat_max, lon_min, lon_max = self.bounds
        columns = range(max(j - radius, lon_min), min(j + radius, lon_max) + 1)
        for row in {i - radius, i + radius}:
            if lat_min <= row <= lat_max:
                yield from ((row, column) for column in columns)
        rows = range(max(i - radius + 1, lat_min), min(i + radius - 1, lat_max) + 1)
        for column in {j - radius, j + radius}:
            if lon_min <= column <= lon_max:
                yield from ((row, column) for row in rows)

    def nearest_to(self, point: tuple[float, float]) -> float | None:
        """Distance in km from ``point`` to the closest indexed ESSMS; None when empty."""
        if self.bounds is None:
            return None
        centre = self._key(point)
        lat_min, lat_max, lon_min, lon_max = self.bounds
        last = max(
            abs(centre[0] - lat_min),
            abs(centre[0] - lat_max),
            abs(centre[1] - lon_min),
            abs(centre[1] - lon_max),
        )
        # A cell ``radius`` rings away differs by at least ``radius - 1`` cells in latitude or
        # in longitude; each term of the haversine formula is then a lower bound of ``h``
        # (the longitude one scaled by the cosines of the query and of the highest latitude
        # indexed), so no closer ESSMS lies beyond once ``best`` is under that bound.
        scale = math.cos(math.radians(point[0])) * math.cos(math.radians(self.max_lat))
        best = math.inf
        for radius in range(last + 1):
            gap = math.radians((radius - 1) * self.cell)
            if 0 < gap < math.pi:
                h = max(0.0, scale) * math.sin(gap / 2) ** 2
                if best < 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))):
                    break
            for key in self._ring(centre, radius):
                for other in self.cells.get(key, ()):
                    best = min(best, haversine_km(point, other))
        return best

    def nearest(self, points: Iterable[tuple[float, float]]) -> float | None:
        """Distance between the closest pair of ``points`` and indexed ESSMS; None if either
        side has none."""
        found = [self.nearest_to(point) for point in points]
        found = [km for km in found if km is not None]
        return min(found) if found else None


def dui_mismatch(a: Candidate, b: Candidate) -> float:
    """0 same solution, 1 different editors, 0.5 same editor or unknown."""
    if a.solution and a.solution == b.solution:
        return 0.0
    if a.editor and b.editor:
        return 0.5 if a.editor == b.editor else 1.0
    return 0.5


def hosting_mismatch(a: Candidate, b: Candidate) -> float:
    """0 same mode, 1 different modes, 0.5 SaaS with external hosting or unknown."""
    if not a.hosting or not b.hosting:
        return 0.5
    if a.hosting == b.hosting:
        return 0.0
    return 0.5 if {a.hosting, b.hosting} <= EXTERNAL_HOSTING else 1.0


def cost_between(km: float | None, a: Candidate, b: Candidate, weights: Weights) -> float:
    if a.maturity is None or b.maturity is None:
        gap = weights.missing_maturity_gap
    else:
        gap = abs(a.maturity - b.maturity)
    return (
        weights.distance_km * (weights.missing_distance_km if km is None else km)
        + weights.editor * dui_mismatch(a, b)
        + weights.hosting * hosting_mismatch(a, b)
        + weights.maturity * gap
    )


def pair_cost(a: Candidate, b: Candidate, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Cost (≥ 0, symmetric) of putting two OGs in the same grappe; see ``Weights``."""
    return cost_between(distance_km(a, b), a, b, weights)


def group_cost(members: Sequence[Candidate], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Sum of ``pair_cost`` over the pairs of OGs in a grappe."""
    centroids = [centroid(m) for m in members]
    total = 0.0
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            ca, cb = centroids[i], centroids[j]
            km = None if ca is None or cb is None else haversine_km(ca, cb)
            total += cost_between(km, a, members[j], weights)
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


def french_decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def km_label(value: float) -> str:
    return "moins de 1 km" if value < 1 else f"{round(value)} km"


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
    centroids = [c for c in map(centroid, members) if c is not None]
    if len(centroids) >= 2:
        pairs = [haversine_km(p, q) for i, p in enumerate(centroids) for q in centroids[i + 1 :]]
        farthest, mean = km_label(max(pairs)), km_label(sum(pairs) / len(pairs))
        sentences.append(f"Au plus {farthest} entre les OG (en moyenne {mean}).")
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
        gap = french_decimal(high - low)
        text = f"Maturité numérique de {french_decimal(low)} à {french_decimal(high)} sur 4"
        text += f" (écart {gap})"
        if french_decimal(low) == french_decimal(high):
            text = f"Même maturité numérique : {french_decimal(low)} sur 4"
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
