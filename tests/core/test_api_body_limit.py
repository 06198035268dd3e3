"""The API reads at most MUTUALIS["API_MAX_BODY_KB"] (1 MB by default) of a request body and
answers beyond it with a French JSON error, never a server error."""

import json

import pytest

pytestmark = pytest.mark.django_db

ELIGIBILITY = "/api/grappes/eligibility/"


def oversized_json(size: int) -> str:
    return json.dumps({"year": 2025, "establishments": [], "padding": "x" * size})


def test_the_default_bound_is_1_mb(settings):
    assert settings.MUTUALIS["API_MAX_BODY_KB"] == 1024


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", oversized_json(1024 * 1024)),
        ("application/x-www-form-urlencoded", "year=2025&padding=" + "x" * 1024 * 1024),
    ],
)
def test_a_body_over_the_bound_gets_a_french_413(client, content_type, body):
    response = client.post(ELIGIBILITY, body, content_type=content_type)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "Le corps de la requête dépasse la taille acceptée par l'API (1024 Ko)."
    }


def test_the_bound_is_a_setting(client, settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "API_MAX_BODY_KB": 1}

    response = client.post(ELIGIBILITY, oversized_json(2000), content_type="application/json")

    assert response.status_code == 413
    assert "(1 Ko)" in response.json()["detail"]


def test_a_body_within_the_bound_is_read(client):
    response = client.post(ELIGIBILITY, oversized_json(1000), content_type="application/json")

    assert response.status_code == 400  # no establishment: a validation error, in French
    assert "establishments" in response.json()


def test_a_multipart_body_over_django_s_bound_gets_the_same_answer(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048 * 1024

    response = client.post(ELIGIBILITY, {"year": "2025", "padding": "x" * 3 * 1024 * 1024})

    assert response.status_code == 413
    assert response.json() == {
        "detail": "Le corps de la requête dépasse la taille acceptée par l'API (2048 Ko)."
    }


def test_deeply_nested_json_within_the_bound_is_a_french_400(client):
    response = client.post(ELIGIBILITY, "[" * 200_000, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON trop imbriqué : au plus 64 niveaux de tableaux et d'objets."
    }
