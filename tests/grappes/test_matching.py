"""Grappe costs and suggestions (pure functions, no database)."""

import pytest

from bench.matching_instances import random_instance
from mutualis.grappes.matching import (
    UNASSIGNED_PENALTY,
    Candidate,
    group_cost,
    pair_cost,
    partition_cost,
)
from mutualis.grappes.matching_heuristic import suggest_grappes

LYON = (45.764, 4.836)
VILLEURBANNE = (45.767, 4.880)  # ~3.5 km from Lyon
GRENOBLE = (45.188, 5.724)  # ~95 km from Lyon
MARSEILLE = (43.296, 5.370)  # ~280 km from Lyon


def og(
    id: int,
    essms: int = 3,
    at: tuple[float, float] | None = LYON,
    editor: str | None = "Teranga",
    solution: str | None = "NETSoins",
    hosting: str | None = "saas",
    maturity: float | None = 2.0,
    sectors: frozenset[str] = frozenset({"pa"}),
) -> Candidate:
    points = () if at is None else tuple((at[0] + 0.001 * k, at[1]) for k in range(essms))
    return Candidate(
        id=id,
        name=f"OG {id}",
        essms=essms,
        points=points,
        editor=editor,
        solution=solution,
        hosting=hosting,
        maturity=maturity,
        sectors=sectors,
    )


def check_feasible(partition, candidates, min_essms=15):
    seen = [m.id for g in partition.groups for m in g.members]
    seen += [c.id for c, _ in partition.unassigned]
    assert sorted(seen) == sorted(c.id for c in candidates)  # every OG once, whole
    for group in partition.groups:
        assert group.essms == sum(m.essms for m in group.members) >= min_essms
        assert group.national == (group.essms >= 50)
        assert group.cost == pytest.approx(group_cost(group.members))
    assert partition.cost == partition_cost(partition.groups, partition.unassigned)


# --- Costs ------------------------------------------------------------------------------


def test_pair_cost_is_symmetric_and_orders_mismatches():
    a = og(1, maturity=1.0)
    b = og(2, at=GRENOBLE, editor="Autre", solution="Autre DUI", hosting="on_premise")
    assert pair_cost(a, b) == pair_cost(b, a) > 0
    same = pair_cost(a, og(2))
    same_editor = pair_cost(a, og(2, solution="Autre solution Teranga"))
    other_editor = pair_cost(a, og(2, editor="Autre", solution="Autre DUI"))
    assert same < same_editor < other_editor
    assert pair_cost(a, og(2, hosting="external")) < pair_cost(a, og(2, hosting="on_premise"))


# --- Grappe suggestions (heuristic) -----------------------------------------------------


def test_total_below_minimum_leaves_everyone_unassigned_with_the_reason():
    candidates = [og(1, essms=4), og(2, essms=4), og(3, essms=4), og(4, essms=0)]

    partition = suggest_grappes(candidates)

    assert partition.groups == ()
    reasons = {c.id: reason for c, reason in partition.unassigned}
    assert "12 ESSMS au total, moins que les 15 requis" in reasons[1]
    assert reasons[4].startswith("Aucun ESSMS éligible")
    assert partition.cost == 12 * UNASSIGNED_PENALTY


def test_an_og_reaching_the_minimum_alone_forms_its_own_grappe():
    big = og(1, essms=20, at=LYON)
    smalls = [og(k, essms=4, at=MARSEILLE) for k in range(2, 6)]

    partition = suggest_grappes([big, *smalls])

    check_feasible(partition, [big, *smalls])
    assert [[m.id for m in g.members] for g in partition.groups] == [[1], [2, 3, 4, 5]]
    solo = partition.groups[0]
    assert solo.cost == 0
    assert "OG éligible seul" in solo.explanation[1]


def test_national_flag_from_fifty_essms():
    partition = suggest_grappes([og(1, essms=50), og(2, essms=49, at=MARSEILLE)])

    national, regional = partition.groups
    assert national.national and not regional.national
    assert "appel national (50 ESSMS ou plus)" in national.explanation[0]
    assert "appel à projets régional (15 à 49 ESSMS)" in regional.explanation[0]
    overseas = suggest_grappes([og(1, essms=5), og(2, essms=4)], min_essms=8)
    assert [g.essms for g in overseas.groups] == [9]


def test_grappes_follow_editor_and_distance():
    candidates = [
        og(1, essms=8, at=LYON),
        og(2, essms=8, at=GRENOBLE, editor="Autre", solution="Autre DUI"),
        og(3, essms=8, at=VILLEURBANNE),
        og(4, essms=8, at=GRENOBLE, editor="Autre", solution="Autre DUI"),
    ]

    partition = suggest_grappes(candidates)

    check_feasible(partition, candidates)
    assert [[m.id for m in g.members] for g in partition.groups] == [[1, 3], [2, 4]]
    text = " ".join(partition.groups[0].explanation)
    assert "Même solution DUI pour tous : NETSoins." in text
    assert "Mode d'hébergement commun à tous : SaaS." in text
    assert "Même maturité numérique : 2,0 sur 4." in text
    assert partition.cost == pytest.approx(
        pair_cost(*candidates[0::2]) + pair_cost(*candidates[1::2])
    )


def test_large_territory_gives_feasible_deterministic_grappes():
    candidates = random_instance(7, 300)

    partition = suggest_grappes(candidates)

    check_feasible(partition, candidates)
    assert partition.unassigned == ()
    assert partition.optimal is None
    assert suggest_grappes(reversed(candidates)) == partition


# --- Exact model ------------------------------------------------------------------------


def test_exact_model_finds_the_known_optimum():
    pytest.importorskip("ortools")
    from mutualis.grappes.matching_exact import exact_partition

    # Two pairs of twins 280 km apart, plus one OG that fits best with the Lyon pair.
    candidates = [
        og(1, essms=8, at=LYON),
        og(2, essms=8, at=MARSEILLE),
        og(3, essms=7, at=VILLEURBANNE),
        og(4, essms=8, at=MARSEILLE),
        og(5, essms=1, at=LYON, maturity=2.5),
    ]

    exact = exact_partition(candidates)

    assert exact.optimal is True
    assert [[m.id for m in g.members] for g in exact.groups] == [[1, 3, 5], [2, 4]]
    expected = group_cost(candidates[0::2]) + pair_cost(candidates[1], candidates[3])
    assert exact.cost == pytest.approx(expected)
    assert suggest_grappes(candidates).cost == pytest.approx(expected)


@pytest.mark.parametrize(("seed", "n"), [(1, 8), (2, 10), (3, 12), (4, 12), (5, 11)])
def test_heuristic_within_five_percent_of_the_exact_optimum(seed, n):
    pytest.importorskip("ortools")
    from mutualis.grappes.matching_exact import exact_partition

    candidates = random_instance(seed, n)

    heuristic = suggest_grappes(candidates)
    exact = exact_partition(candidates, time_limit_s=20)

    check_feasible(heuristic, candidates)
    check_feasible(exact, candidates)
    assert exact.optimal is True
    assert exact.cost <= heuristic.cost + 1e-6
    assert heuristic.cost <= 1.05 * exact.cost
