"""Partner score: criteria, explanations and ranking (pure functions, no database)."""

import pytest

from mutualis.grappes.matching import Weights, distance_km, pair_cost
from mutualis.grappes.partner_score import partner_score, rank_partners
from tests.grappes.test_matching import GRENOBLE, MARSEILLE, VILLEURBANNE, og


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
    assert score.total == pytest.approx(sum(c.points for c in score.criteria), abs=0.05)
    assert by_key["solution"].label == "Même solution DUI (NETSoins)"
    assert by_key["solution"].points == 25
    assert by_key["hosting"].label == "Même mode d'hébergement (SaaS)"
    assert "Établissements à distance moyenne (9" in by_key["distance"].label
    assert "km entre vos établissements les plus proches" in by_key["distance"].detail
    assert 0 < by_key["distance"].points < 25
    assert by_key["maturity"].label == "Maturité numérique proche (2,0 et 2,4 sur 4)"
    assert by_key["sector"].detail == "1 secteur en commun sur 2 au total."


def test_same_editor_other_solution_and_other_editor_score_less():
    me = og(1)
    same_editor = partner_score(me, og(2, solution="Autre solution Teranga"))
    other_editor = partner_score(me, og(3, editor="Autre", solution="Autre DUI"))

    assert criteria(same_editor)["solution"].label == "Même éditeur DUI (Teranga)"
    assert criteria(same_editor)["solution"].points == 12.5
    assert criteria(other_editor)["solution"].label == "Éditeurs DUI différents"
    assert criteria(other_editor)["solution"].points == 0


def test_missing_points_and_maturity_get_neutral_values():
    me = og(1)
    unknown = og(2, at=None, maturity=None, editor=None, solution=None, hosting=None)

    assert distance_km(me, unknown) is None
    by_key = criteria(partner_score(me, unknown))
    assert by_key["distance"].label == "Localisation inconnue"
    assert by_key["distance"].points == 12.5
    assert by_key["maturity"].label == "Maturité numérique non évaluée"
    assert "pour ce partenaire" in by_key["maturity"].detail
    assert by_key["solution"].points == 12.5
    assert by_key["hosting"].points == 7.5
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
