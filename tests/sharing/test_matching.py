"""Hand-computed matching cases (pure module, no database)."""

import datetime

from mutualis.sharing.matching import Side, explain, rank

D = datetime.date
PARIS = (48.8566, 2.3522)


def need(**kw):
    base = {
        "id": 1,
        "direction": "need",
        "skill": "dpo",
        "kind": "role",
        "days": 2.0,
        "point": PARIS,
        "starts_on": D(2027, 1, 1),
        "ends_on": D(2027, 12, 31),
        "skill_label": "DPO",
    }
    return Side(**(base | kw))


def offer(**kw):
    return need(**({"id": 2, "direction": "offer"} | kw))


def points(match):
    return {c.key: c.points for c in match.criteria}


def test_same_skill_place_days_and_period_scores_100():
    match = explain(need(), offer())
    assert match.total == 100
    assert points(match) == {"skill": 40, "distance": 25, "time": 20, "period": 15}
    assert match.criteria[0].label == "Même compétence (DPO)"


def test_partial_time_and_period_unknown_place_score_whole_points_adding_up():
    # skill 40; distance unknown 0; time 1/2 of 20 = 10; period 5 of 10 days = 7.5 → 57.5 → 58
    me = need(starts_on=D(2027, 1, 1), ends_on=D(2027, 1, 10))
    other = offer(days=1.0, point=None, starts_on=D(2027, 1, 6), ends_on=D(2027, 2, 28))
    match = explain(me, other)
    assert points(match) == {"skill": 40, "distance": 0, "time": 10, "period": 8}
    assert match.total == 58
    texts = {c.key: c.detail for c in match.criteria}
    assert "aucun point" in texts["distance"]
    assert texts["period"] == "5 jours communs sur les 10 de la période du besoin."
    assert texts["time"] == "Offre : 1 jour par mois ; besoin : 2 jours par mois."


def test_distance_points_fall_linearly_to_zero_at_150_km():
    # 1 degree of latitude = 111.19 km → 25 × (1 − 111.19/150) = 6.47 → 6 (total 81)
    match = explain(need(), offer(point=(PARIS[0] + 1, PARIS[1])))
    assert round(match.km) == 111
    assert points(match)["distance"] == 6
    assert match.total == 81


def test_another_skill_of_the_same_kind_earns_a_quarter_of_the_skill_points():
    match = explain(need(), offer(skill="rssi", skill_label="RSSI"))
    assert points(match)["skill"] == 10
    assert match.total == 70
    assert match.criteria[0].label == "Compétence voisine"


def test_equipment_without_days_gets_the_time_points_but_unknown_days_do_not():
    me = need(kind="equipment", skill="serveur", days=None)
    assert points(explain(me, offer(kind="equipment", skill="serveur", days=None)))["time"] == 20
    assert points(explain(need(days=None), offer()))["time"] == 0


def test_rank_excludes_other_kinds_same_direction_and_beyond_either_accepted_distance():
    far = (PARIS[0] + 1, PARIS[1])  # ~111 km
    others = [
        offer(id=10),
        offer(id=11, kind="equipment", skill="serveur"),
        need(id=12),
        offer(id=13, point=far, max_km=50),
        offer(id=14, point=far),
        offer(id=15, point=None, max_km=5),  # unknown distance excludes nobody
    ]
    assert [m.other.id for m in rank(need(), others)] == [10, 14, 15]
    assert [m.other.id for m in rank(need(max_km=100), others)] == [10, 15]


def test_rank_best_first_ties_by_id_and_limit():
    others = [offer(id=30, days=1.0), offer(id=21), offer(id=20)]
    ranked = rank(need(), others, limit=2)
    assert [m.other.id for m in ranked] == [20, 21]
    assert all(m.total == 100 for m in ranked)


def test_ranking_offers_for_a_need_and_needs_for_an_offer_is_symmetric():
    me, other = need(), offer(days=1.0)
    assert explain(me, other).total == explain(other, me).total == 90
