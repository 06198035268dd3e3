"""Search text and facet values are parsed by form fields: a NUL character (PostgreSQL
cannot compare it: a 500 there) or an overlong value is ignored, on the page and the API."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOSTILE = {"q": "a\x00b", "region": "\x00", "type": "x" * 500}


def test_the_library_page_ignores_hostile_facets(client):
    response = client.get(reverse("library:home"), HOSTILE)

    assert response.status_code == 200


def test_the_api_search_ignores_hostile_facets(client):
    response = client.get("/api/experience-reports/", HOSTILE)

    assert response.status_code == 200
    assert response.json()["results"] == []
