"""The directory map: clusters computed in the database per zoom level and bounding box."""

import json
import random

import pytest
from django.urls import reverse

from mutualis.directory import mapgrid, selectors
from mutualis.directory.mapgrid import MapView, parse_bbox
from mutualis.directory.models import Establishment
from tests.factories import EstablishmentFactory, ManagingBodyFactory

URL = reverse("directory:establishment_points")
FRANCE = "-5.2,41.3,9.6,51.1"


@pytest.fixture
def country(db):
    """20 000 open establishments spread over metropolitan France and La Réunion, half of
    them EHPAD (category 500), a few without coordinates."""
    body = ManagingBodyFactory()
    rng = random.Random(14)
    rows = []
    for i in range(20_000):
        if i % 50 == 0:
            lat, lon = rng.uniform(-21.3, -20.9), rng.uniform(55.25, 55.8)  # La Réunion
        else:
            lat, lon = rng.uniform(42.5, 51.0), rng.uniform(-4.5, 8.0)
        rows.append(
            Establishment(
                finess=f"01{i:07d}",
                managing_body=body,
                name=f"ÉTABLISSEMENT « {i} » AVEC UN NOM ASSEZ LONG POUR PESER",
                search_name=f"ETABLISSEMENT {i}",
                category_id="500" if i % 2 else "182",
                departement_id="01",
                region_id="84",
                latitude=None if i % 997 == 0 else lat,
                longitude=None if i % 997 == 0 else lon,
            )
        )
    Establishment.objects.bulk_create(rows, batch_size=2000)
    return Establishment.objects.exclude(latitude=None).count()


def total(data) -> int:
    return sum(cluster[2] for cluster in data["clusters"]) + len(data["points"])


def test_national_zoom_is_small_and_counts_sum_to_the_filtered_total(client, country):
    response = client.get(URL, {"zoom": 5})
    assert len(response.content) < 500_000
    data = response.json()
    assert data["clusters"] and data["count"] == country == total(data)
    # Metropolitan results frame the map; La Réunion is still counted.
    (south, west), (north, east) = data["bounds"]
    assert south > 42 and north < 51.1 and west > -4.6 and east < 8.1
    assert any(cluster[0] < -20 for cluster in data["clusters"])
    for lat, lon, n, south, west, north, east in data["clusters"]:
        assert n >= 2 and south <= lat <= north and west <= lon <= east

    ehpad = client.get(URL, {"zoom": 5, "category": "500", "bbox": FRANCE}).json()
    expected = Establishment.objects.filter(
        category="500", latitude__gte=41.3, latitude__lte=51.1
    ).count()
    assert ehpad["count"] == total(ehpad) == expected

    # Every zoom and view counts each establishment once.
    for zoom in range(0, 11, 2):
        data = client.get(URL, {"zoom": zoom}).json()
        assert total(data) == country, zoom
    lyon = client.get(URL, {"zoom": 9, "bbox": "4.3,45.4,5.3,46.1"}).json()
    # Cells cut by the box edges are widened to whole cells: no partial cluster.
    view = MapView(zoom=9, bbox=(4.3, 45.4, 5.3, 46.1))
    west, south, east, north = view.snapped_bbox()
    inside = Establishment.objects.filter(
        latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    ).count()
    assert lyon["count"] == total(lyon) == inside
    assert "bounds" not in lyon


def test_few_establishments_or_close_zoom_send_points(client, country):
    town = client.get(URL, {"zoom": 12, "bbox": "5.20,46.19,5.25,46.22"}).json()
    assert town["clusters"] == [] and 0 < len(town["points"]) <= mapgrid.POINTS_UP_TO
    lat, _lon, finess, name = town["points"][0]
    assert 46.18 <= lat <= 46.23 and finess.startswith("01") and name.startswith("ÉTAB")
    assert town["detail_url"] == reverse("directory:establishment", args=["FINESS"])
    street = client.get(URL, {"zoom": 16, "bbox": "-5,41,9,51"}).json()
    assert street["clusters"] == [] and street["truncated"]
    assert len(street["points"]) == mapgrid.POINTS_MAX


def test_one_establishment_in_a_cell_is_a_point(db):
    EstablishmentFactory(name="SEUL", latitude=43.3, longitude=5.4)
    EstablishmentFactory.create_batch(mapgrid.POINTS_UP_TO + 1, latitude=48.85, longitude=2.35)
    data = selectors.map_clusters(Establishment.objects.all(), MapView(zoom=6))
    assert [point[3] for point in data["points"]] == ["SEUL"]
    assert [cluster[2] for cluster in data["clusters"]] == [mapgrid.POINTS_UP_TO + 1]


def test_no_located_establishment(client, db):
    EstablishmentFactory(latitude=None, longitude=None)
    data = client.get(URL).json()
    assert data["count"] == 0 and data["bounds"] is None and data["points"] == []


@pytest.mark.parametrize(
    "params",
    [{"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "5,40,1,50"}, {"zoom": "99"}, {"zoom": "x"}],
)
def test_bad_view_parameters_are_refused_in_french(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]


def test_parse_bbox_and_cells():
    assert parse_bbox("-5.2,41.3,9.6,51.1") == (-5.2, 41.3, 9.6, 51.1)
    with pytest.raises(ValueError, match="Emprise invalide"):
        parse_bbox("0,0,1,nan")
    assert MapView(zoom=0).cell == 90.0 and MapView(zoom=1).cell == 45.0
    assert MapView(zoom=2, bbox=(1, 1, 2, 2)).snapped_bbox() == (0.0, 0.0, 22.5, 22.5)
