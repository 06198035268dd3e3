"""Partner score: criteria, explanations and ranking (pure functions, no database)."""

import pytest

from mutualis.grappes.matching import Candidate, Weights, distance_km, nearest_km, pair_cost
from mutualis.grappes.partner_score import SCORE_POINTS, partner_score, rank_partners
from tests.grappes.test_matching import GRENOBLE, LYON, MARSEILLE, VILLEURBANNE, og


def criteria(score):
    return {c.key: c for c in score.criteria}


def test_close_partner_with_same_solution_beats_far_one_with_other_editor():
    me = og(1, maturity=2.0)
    close = og(2, at=VILLEURBANNE, maturity=2.2)
    far = og(3, at=MARSEILLE, editor="Autre", solution="Autre DUI", maturity=3.8)

    ranked = rank_partners(me, [far, me, close])

    assert [s.candidate.id for s in ranked] == [2, 3]  # itself excluded
    assert ranked[0].total > ranked[1].total + 40
    assert 0 <= ranked[1].total <= ranked[0].total <= 100
    assert rank_partners(me, [far, close], limit=1)[0].candidate.id == 2


def test_partner_breakdown_is_explained_in_french():
    me = og(1, essms=4, maturity=2.0, sectors=frozenset({"pa", "domicile"}))
    other = og(2, essms=12, at=GRENOBLE, maturity=2.4, sectors=frozenset({"pa"}))

    score = partner_score(me, other)
    by_key = criteria(score)

    assert list(by_key) == ["solution", "hosting", "distance", "maturity", "sector", "size"]
    assert score.total == sum(c.points for c in score.criteria)
    assert by_key["solution"].label == "Même solution DUI (NETSoins)"
    assert by_key["solution"].points == 25
    assert by_key["hosting"].label == "Même mode d'hébergement (SaaS)"
    assert "Établissements à distance moyenne (9" in by_key["distance"].label
    assert "km entre vos établissements les plus proches" in by_key["distance"].detail
    assert 0 < by_key["distance"].points < 25
    assert by_key["maturity"].label == "Maturité numérique proche (2,0 et 2,4 sur 4)"
    assert by_key["sector"].detail == "1 secteur en commun (2 pour vous, 1 pour ce partenaire)."
    assert by_key["sector"].points == 10  # all of the partner's sectors are mine


def test_same_editor_other_solution_and_other_editor_score_less():
    me = og(1)
    same_editor = partner_score(me, og(2, solution="Autre solution Teranga"))
    other_editor = partner_score(me, og(3, editor="Autre", solution="Autre DUI"))

    assert criteria(same_editor)["solution"].label == "Même éditeur DUI (Teranga)"
    assert criteria(same_editor)["solution"].points in (12, 13)  # half of 25, whole points
    assert criteria(other_editor)["solution"].label == "Éditeurs DUI différents"
    assert criteria(other_editor)["solution"].points == 0


def test_unknown_information_earns_no_point():
    me = og(1)
    unknown = og(2, at=None, maturity=None, editor=None, solution=None, hosting=None)

    assert distance_km(me, unknown) is None
    score = partner_score(me, unknown)
    by_key = criteria(score)
    assert by_key["distance"].label == "Localisation inconnue"
    assert by_key["maturity"].label == "Maturité numérique non évaluée"
    assert "pour ce partenaire" in by_key["maturity"].detail
    for key in ("solution", "hosting", "distance", "maturity"):
        assert by_key[key].points == 0, key
    assert by_key["solution"].detail.endswith("aucun point.")
    assert score.total == by_key["sector"].points + by_key["size"].points
    # A known partner with a different editor is not ranked below an unknown one anymore.
    other_editor = og(3, editor="Autre", solution="Autre DUI", hosting=None)
    assert criteria(partner_score(me, other_editor))["solution"].points == 0
    # The grappe solvers keep their neutral costs for missing data.
    weights = Weights()
    # Neutral values: 100 km, half the editor and hosting mismatch, a 1-point maturity gap.
    assert pair_cost(me, unknown, weights) == pytest.approx(100 + 30 + 15 + 20)


def test_size_complementarity():
    me = og(1, essms=5)
    fills = criteria(partner_score(me, og(2, essms=12)))["size"]
    too_small = criteria(partner_score(me, og(3, essms=2)))["size"]
    already = criteria(partner_score(og(4, essms=20), og(5, essms=2)))["size"]

    assert fills.label == "Tailles complémentaires"
    assert fills.points == 10
    assert fills.detail == "Ensemble : 5 + 12 = 17 ESSMS, le seuil de 15 ESSMS est atteint."
    assert too_small.points == pytest.approx(2)  # 2 of the 10 ESSMS still needed
    assert "il manquera 8 ESSMS" in too_small.detail
    assert already.label == "Vous êtes déjà éligible seul"
    assert rank_partners(me, [og(3, essms=2), og(2, essms=12)])[0].candidate.id == 2


def test_parts_add_up_to_the_total_with_each_maximum():
    me = og(1, essms=4, maturity=1.3, sectors=frozenset({"pa", "domicile", "ph_adultes"}))
    others = [
        og(2, at=GRENOBLE, maturity=2.9, hosting="external", solution="X", essms=7),
        og(3, at=MARSEILLE, maturity=None, editor="Autre", sectors=frozenset({"pa", "x"})),
        og(4, at=VILLEURBANNE, maturity=0.7, essms=2),
    ]
    for score in rank_partners(me, others, limit=3):
        assert all(isinstance(c.points, int) for c in score.criteria)
        assert score.total == sum(c.points for c in score.criteria)
        assert [c.maximum for c in score.criteria] == list(SCORE_POINTS.values())
        assert all(0 <= c.points <= c.maximum for c in score.criteria)
    assert sum(SCORE_POINTS.values()) == 100


def test_distance_is_between_the_nearest_essms_not_the_centres():
    # A national OG: ESSMS in Lille and in Marseille, its centre somewhere in Burgundy.
    national = Candidate(
        id=1, name="National", essms=2, points=((50.63, 3.06), (43.30, 5.37)), editor="E"
    )
    marseille = Candidate(id=2, name="Marseille", essms=3, points=((43.31, 5.38),), editor="E")

    assert distance_km(national, marseille) > 300
    assert nearest_km(national, marseille) < 2
    distance = criteria(partner_score(national, marseille))["distance"]
    assert distance.points == 25
    assert distance.label.startswith("Établissements proches (")
    assert "entre vos établissements les plus proches" in distance.detail
    assert rank_partners(national, [og(3, at=LYON), marseille])[0].candidate.id == 2


def test_sector_overlap_counts():
    me = og(1, sectors=frozenset({"pa", "ph_adultes"}))
    same = criteria(partner_score(me, og(2, sectors=frozenset({"pa", "ph_adultes"}))))
    half = criteria(partner_score(me, og(3, sectors=frozenset({"pa", "protection"}))))
    none = criteria(partner_score(me, og(4, sectors=frozenset({"protection"}))))

    assert same["sector"].points == 10 and half["sector"].points == 5
    assert none["sector"].points == 0 and none["sector"].label == "Aucun secteur d'activité commun"
