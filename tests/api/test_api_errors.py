"""Every API error answers French JSON ``{"detail": ...}``; validation errors stay per field."""

import json

import pytest
from rest_framework.throttling import AnonRateThrottle

from mutualis.api.parsers import MAX_DEPTH, nesting_depth
from tests.api.test_api_it_profile import auth
from tests.factories import EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ELIGIBILITY = "/api/grappes/eligibility/"


def post_json(client, body: str):
    return client.post(ELIGIBILITY, body, content_type="application/json")


def test_malformed_json_is_a_french_400(client):
    response = post_json(client, '{"programme": ')

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON mal formé (ligne 1, colonne 15)."}


def test_json_nested_5000_levels_deep_is_a_french_400(client):
    response = post_json(client, "[" * 5000 + "]" * 5000)

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"JSON trop imbriqué : au plus {MAX_DEPTH} niveaux de tableaux et d'objets."
    }


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert nesting_depth(json.dumps({"a": ["[[[{", {"b": '\\"]]'}]})) == 3
    assert nesting_depth("[" * MAX_DEPTH + "]" * MAX_DEPTH) == MAX_DEPTH


def test_validation_errors_stay_per_field(client):
    response = post_json(client, json.dumps({"programme": "inconnu"}))

    assert response.status_code == 400
    errors = response.json()
    assert "detail" not in errors
    assert "programme" in errors and "establishments" in errors
    assert errors["establishments"] == ["Ce champ est obligatoire."]


def test_an_unsupported_media_type_is_a_french_415(client):
    response = client.post(ELIGIBILITY, "x", content_type="text/plain")

    assert response.status_code == 415
    assert response.json() == {
        "detail": "Type de contenu non pris en charge : envoyez du JSON (application/json)."
    }


def test_a_write_without_token_is_a_french_401(client):
    establishment = EstablishmentFactory()

    response = client.put(f"/api/establishments/{establishment.finess}/it-profile/", {})

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentification requise")


def test_a_bad_token_is_a_french_401(client):
    response = client.put(
        "/api/establishments/010000000/it-profile/", {}, HTTP_AUTHORIZATION="Token faux"
    )

    assert response.status_code == 401
    assert response.json() == {"detail": "Token non valide."}


def test_a_refusal_keeps_the_views_french_reason(client):
    establishment = EstablishmentFactory()

    response = client.put(
        f"/api/establishments/{establishment.finess}/it-profile/",
        {},
        content_type="application/json",
        **auth(UserFactory()),
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Seuls les membres de l'organisme gestionnaire peuvent modifier ce profil."
    }


def test_an_unknown_object_is_a_french_404(client):
    response = client.get("/api/establishments/000000000/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Ressource introuvable."}


def test_an_unknown_api_address_is_a_french_json_404(client):
    response = client.get("/api/nulle-part/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Ressource introuvable."}


def test_a_wrong_method_is_a_french_405_with_allow(client):
    response = client.delete("/api/regions/")

    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert response.json() == {"detail": "Méthode DELETE non autorisée sur cette adresse."}


def test_too_many_requests_is_a_french_429(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    client.get("/api/regions/")

    response = client.get("/api/regions/")

    assert response.status_code == 429
    assert response.json() == {"detail": "Trop de requêtes : réessayez dans 60 s."}
