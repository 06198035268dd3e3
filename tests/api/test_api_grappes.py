"""Stateless API: eligibility and funding of a list of ESSMS."""

import pytest

from tests.factories import EstablishmentFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def payload(db):
    body = ManagingBodyFactory(establishment_count=20)
    places = EstablishmentFactory.create_batch(15, managing_body=body)
    return {
        "programme": "generalisation",
        "campaign": 2024,
        "establishments": [
            {"finess": e.finess, "situation": "no_dui", "segur": True} for e in places
        ],
    }


def test_eligibility(client, payload):
    data = client.post("/api/grappes/eligibility/", payload, content_type="application/json").json()
    assert data["eligible"] and data["eligible_count"] == 15 and data["call"] == "régional"
    payload["establishments"][0]["segur"] = False
    data = client.post("/api/grappes/eligibility/", payload, content_type="application/json").json()
    assert not data["eligible"]
    assert data["grappe_failures"][0]["message"] == "14 ESSMS éligibles : il en faut au moins 15."
    assert data["establishments"][0]["failures"][0]["source"] == "S23, S27"


def test_funding(client, payload):
    data = client.post("/api/grappes/funding/", payload, content_type="application/json").json()
    assert data["total"] == 322500
    assert [t["percent"] for t in data["tranches"]] == [50, 50]
    assert data["establishments"][0]["lines"][0]["rule"] == "fund.new_dui.editor.segur"


def test_unknown_finess_and_bad_input_are_refused_in_french(client, payload):
    payload["establishments"][0]["finess"] = "999999999"
    response = client.post("/api/grappes/eligibility/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["establishments"] == ["FINESS inconnus : 999999999."]
