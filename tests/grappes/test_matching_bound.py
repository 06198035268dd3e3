"""Proven grappe partitions by column generation (pure functions, no database)."""

import dataclasses
import itertools
import random

import pytest

from bench.matching_instances import random_instance
from mutualis.grappes.matching import UNASSIGNED_PENALTY, group_cost
from mutualis.grappes.matching_bound import _Pricing, proven_partition
from mutualis.grappes.matching_exact import exact_partition
from mutualis.grappes.matching_heuristic import suggest_grappes
from tests.grappes.test_matching import LYON, MARSEILLE, check_feasible, og

pytest.importorskip("ortools")  # the solvers import it when called


def brute_force_columns(candidates, duals, mu, threshold, min_essms=15):
    """Every column of the priced family with reduced cost < threshold, by enumeration."""
    found = []
    for size in range(1, len(candidates) + 1):
        for column in itertools.combinations(range(len(candidates)), size):
            members = [candidates[i] for i in column]
            bigs = [m for m in members if m.essms >= min_essms]
            small = sum(m.essms for m in members if m.essms < min_essms)
            if len(bigs) > 1 or (bigs and small >= min_essms) or (not bigs and small < min_essms):
                continue
            rc = group_cost(members) - sum(duals[i] for i in column) - mu
            if rc < threshold:
                found.append((rc, column))
    return sorted(found)


@pytest.mark.parametrize("mu", [0.0, 150.0])
def test_pricing_finds_every_column_below_the_threshold(mu):
    rng = random.Random(4)
    sizes = [20, 3, 4, 5, 6, 2, 7, 1, 16, 3, 5]
    candidates = [
        dataclasses.replace(c, essms=e) for c, e in zip(random_instance(9, 11), sizes, strict=True)
    ]
    cost = [[group_cost([a, b]) if a is not b else 0.0 for b in candidates] for a in candidates]
    duals = [rng.uniform(50, 400) for _ in candidates]
    pricing = _Pricing(sizes, cost, 15)

    expected = brute_force_columns(candidates, duals, mu, threshold=100.0)
    found, complete = pricing.search((duals, mu), 100.0, deadline=float("inf"))
    best, _ = pricing.search((duals, mu), 100.0, deadline=float("inf"), keep=5)

    assert complete
    assert len(expected) > 20
    assert [c for _, c in found] == [c for _, c in expected]
    assert [rc for rc, _ in found] == pytest.approx([rc for rc, _ in expected])
    assert best == found[:5]
    family = {c for _, c in brute_force_columns(candidates, duals, mu, threshold=0.0)}
    assert set(pricing.greedy((duals, mu))) <= family  # greedy: right family, negative


@pytest.mark.parametrize(("seed", "n"), [(1, 8), (2, 10), (3, 12), (4, 12), (5, 11)])
def test_proven_optimum_equals_the_cp_sat_optimum(seed, n):
    candidates = random_instance(seed, n)

    exact = exact_partition(candidates, time_limit_s=20)
    proven = proven_partition(candidates, time_limit_s=20)

    check_feasible(proven, candidates)
    assert exact.optimal is True
    assert proven.lower_bound <= exact.cost + 1e-6
    assert proven.optimal is True  # the column generation closes at this size
    assert proven.cost == pytest.approx(exact.cost)
    assert proven.lower_bound == pytest.approx(exact.cost)


@pytest.fixture(scope="module")
def thirty():
    """Thirty OGs, the heuristic's partition and the proven optimum."""
    candidates = random_instance(8, 30)
    heuristic = suggest_grappes(candidates)
    return candidates, heuristic, proven_partition(candidates, time_limit_s=20, start=heuristic)


def test_bound_below_the_heuristic_on_thirty_ogs(thirty):
    candidates, heuristic, optimum = thirty

    check_feasible(optimum, candidates)
    assert optimum.optimal is True
    assert 0 < optimum.lower_bound == pytest.approx(optimum.cost)
    assert optimum.cost <= heuristic.cost + 1e-6


@pytest.mark.parametrize("seconds", [0.0, 0.2, 0.3, 0.5])
def test_bound_cut_short_stays_below_the_optimum(thirty, seconds):
    candidates, heuristic, optimum = thirty

    partition = proven_partition(candidates, time_limit_s=seconds, start=heuristic)

    check_feasible(partition, candidates)
    assert 0 <= partition.lower_bound <= optimum.cost + 1e-6
    assert optimum.cost - 1e-6 <= partition.cost <= heuristic.cost


def test_trivial_partitions_are_proven():
    too_few = [og(1, essms=4), og(2, essms=4)]
    alone = [og(1, essms=20, at=LYON), *(og(k, essms=4, at=MARSEILLE) for k in range(2, 6))]

    left_out = proven_partition(too_few)
    split = proven_partition(alone)

    assert left_out.optimal is True
    assert left_out.groups == ()
    assert left_out.cost == left_out.lower_bound == 8 * UNASSIGNED_PENALTY
    check_feasible(split, alone)
    assert split.optimal is True
    assert [[m.id for m in g.members] for g in split.groups] == [[1], [2, 3, 4, 5]]
    assert split.lower_bound == pytest.approx(split.cost)
