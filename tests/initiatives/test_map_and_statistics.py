"""The public list, its map points and the typology statistics with their exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.initiatives.models import InitiativeType
from tests.initiatives.conftest import initiative
from tests.pages import words

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(bodies):
    first = initiative(moderation="published", title="Cahier des charges de l'Ain")
    first.managing_bodies.set(bodies)
    second = initiative(
        moderation="published",
        title="DPO partagé du Rhône",
        type=InitiativeType.objects.get(code="personnel"),
        region_id="84",
    )
    second.establishments.set(bodies[0].establishments.all()[:1])
    initiative(moderation="proposed", title="Pas encore publiée")
    return first, second


def test_filters_by_type(client, published):
    kind = InitiativeType.objects.get(code="personnel")
    page = words(client.get(reverse("initiatives:list"), {"type": kind.pk}))
    assert "DPO partagé du Rhône" in page and "Cahier des charges de l'Ain" not in page
    assert "Pas encore publiée" not in words(client.get(reverse("initiatives:list")))


def test_points_place_members_and_named_establishments(client, published):
    data = client.get(reverse("initiatives:points")).json()
    labels = sorted(point[3] for point in data["points"])
    assert labels == [
        "Cahier des charges de l'Ain — Association Alpha",
        "Cahier des charges de l'Ain — Fondation Beta",
        "DPO partagé du Rhône — EHPAD Les Érables " + labels[2].rsplit(" ", 1)[1],
    ]
    assert data["points"][0][0] == pytest.approx(46.2052)
    assert all(p[4].startswith("/initiatives/") for p in data["points"])


def test_statistics_by_typology_and_region_with_exports(client, published):
    page = words(client.get(reverse("initiatives:statistics")))
    assert "2 initiatives publiées" in page
    assert "Cahier des charges commun 1 50 %" in page
    csv = client.get(reverse("initiatives:statistics_csv")).getvalue().decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("region;Cahier des charges commun;")
    assert "Auvergne-Rhône-Alpes;1;0;0;0;1;" in csv
    workbook = load_workbook(io.BytesIO(client.get(reverse("initiatives:statistics_xlsx")).content))
    assert workbook.active["A2"].value == "Auvergne-Rhône-Alpes"
