"""The result places the organisation among its peers, dimension by dimension: its marker in
the peers' quartiles and the peers' median on the radar — never from fewer than 5 peers."""

import pytest
from django.urls import reverse

from mutualis.maturity import results, scoring
from tests.maturity.test_privacy_and_peers import submitted
from tests.pages import text, words

pytestmark = pytest.mark.django_db
PEERS_POLYGON = 'stroke="#b34000" stroke-width="2" stroke-dasharray="2 3"'


def _result(client, assessment):
    client.force_login(assessment.managing_body.memberships.get().user)
    return client.get(reverse("maturity:result", args=[assessment.uid]))


def test_each_dimension_shows_where_the_organisation_stands(client):
    for level in (0, 1, 2, 3, 2):
        submitted(level)
    mine = submitted(4)

    response = _result(client, mine)

    page = words(response)
    assert "Parmi vos pairs" in page
    assert "Vous : au-dessus du 3e quartile. Médiane 2,0, quartiles 1,0 à 2,0." in page
    assert "comparé aux 5 autodiagnostics soumis" in page
    html = response.content.decode()
    assert PEERS_POLYGON in html  # the peers' median on the radar
    assert "la médiane de vos pairs (même secteur" in page
    report = results.build_report(mine)
    assert {row.position for row in report.dimensions} == {"au-dessus du 3e quartile"}
    assert results.radar(report)["peers"] == results.radar(report)["rings"][1]  # median 2 of 4


def test_fewer_than_five_peers_give_no_peer_figure(client):
    for level in (0, 1, 2, 3):
        submitted(level)
    mine = submitted(4)

    response = _result(client, mine)

    page = text(response)
    assert "Par dimension : pas assez de pairs" in page
    assert "Parmi vos pairs" not in page
    assert PEERS_POLYGON not in response.content.decode()
    assert "Vous :" not in page


def test_positions_and_strip_geometry():
    spread = scoring.Distribution(count=5, q1=1.0, median=2.0, q3=3.0)
    assert scoring.position(0.5, spread) == "sous le 1er quartile"
    assert scoring.position(1.5, spread) == "entre le 1er quartile et la médiane"
    assert scoring.position(2.0, spread) == "à la médiane"
    assert scoring.position(2.5, spread) == "entre la médiane et le 3e quartile"
    assert scoring.position(3.5, spread) == "au-dessus du 3e quartile"
    assert scoring.position(None, spread) == scoring.position(2, None) == ""
    strip = results.quartile_strip(spread, 4.0, width=120)
    assert (strip["q1"], strip["box"], strip["median"]) == (32.0, 56.0, 60.0)
    assert strip["marker"] == "116.0,3 122.0,9 116.0,15 110.0,9"
    assert results.quartile_strip(None, 4.0) is None
