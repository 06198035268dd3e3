"""The read-only API: directory, reference data, schema and documentation."""

import json
import re

import pytest
from drf_spectacular.validation import validate_schema

from mutualis.directory.models import Solution
from mutualis.finess.models import Category
from mutualis.territories.models import Departement
from tests.factories import EstablishmentFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def establishments():
    """Three open establishments in three départements and sectors, and a closed one."""
    lyon_body = ManagingBodyFactory(name="Fondation du Rhône", departement_id="69")
    return {
        "ehpad": EstablishmentFactory(name="EHPAD Les Érables du Lac"),
        "ime": EstablishmentFactory(
            name="IME Les Coquelicots",
            managing_body=lyon_body,
            category_id="183",
            departement_id="69",
            commune_id=None,
            postal_code="69003",
            city="LYON",
        ),
        "saad": EstablishmentFactory(
            name="SAAD Paris Centre",
            category_id="460",
            departement_id="75",
            region_id="11",
            commune_id=None,
            postal_code="75001",
            city="PARIS",
        ),
        "closed": EstablishmentFactory(name="EHPAD Les Érables fermé", is_closed=True),
    }


def finesses(response) -> set[str]:
    return {row["finess"] for row in response.json()["results"]}


def test_the_establishment_list_is_paginated_and_hides_closed_ones(client, establishments):
    response = client.get("/api/establishments/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert body["next"] is None
    assert body["previous"] is None
    assert finesses(response) == {establishments[k].finess for k in ("ehpad", "ime", "saad")}


def test_closed_establishments_on_request(client, establishments):
    response = client.get("/api/establishments/", {"include_closed": "true"})

    assert establishments["closed"].finess in finesses(response)
    assert response.json()["count"] == 4


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"departement": "69"}, {"ime"}),
        ({"departement": "01"}, {"ehpad"}),
        ({"region": "11"}, {"saad"}),
        ({"sector": "pa"}, {"ehpad"}),
        ({"sector": "ph_enfants"}, {"ime"}),
        ({"sector": "domicile", "departement": "75"}, {"saad"}),
        ({"sector": "domicile", "departement": "69"}, set()),
        ({"category": "183"}, {"ime"}),
        ({"q": "érables"}, {"ehpad"}),
        ({"q": "lac erables"}, {"ehpad"}),
        ({"q": "les"}, {"ehpad", "ime"}),
        ({"q": "coquelicots lac"}, set()),
        ({"commune": "LYON"}, {"ime"}),
        ({"commune": "750"}, {"saad"}),
    ],
)
def test_establishment_filters(client, establishments, params, expected):
    response = client.get("/api/establishments/", params)

    assert response.status_code == 200
    assert finesses(response) == {establishments[key].finess for key in expected}


def test_search_by_finess_number(client, establishments):
    ime = establishments["ime"]

    response = client.get("/api/establishments/", {"q": f" {ime.finess} "})

    assert finesses(response) == {ime.finess}


def test_search_by_managing_body(client, establishments):
    body = establishments["ime"].managing_body

    response = client.get("/api/establishments/", {"managing_body": body.finess})

    assert finesses(response) == {establishments["ime"].finess}


def test_an_unknown_filter_value_is_a_400_in_french(client, establishments):
    response = client.get("/api/establishments/", {"departement": "999"})

    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.json()["departement"][0]


def test_establishment_detail_by_finess(client, establishments):
    ime = establishments["ime"]

    response = client.get(f"/api/establishments/{ime.finess}/")

    assert response.status_code == 200
    data = response.json()
    assert data["finess"] == ime.finess
    assert data["name"] == "IME Les Coquelicots"
    assert data["managing_body"] == ime.managing_body.finess
    assert data["category"] == "183"
    assert data["sector"] == "ph_enfants"
    assert data["departement"] == "69"
    assert data["region"] == "84"
    assert data["address"] == ["69003 LYON"]
    assert data["is_closed"] is False


def test_a_closed_establishment_stays_readable_by_finess(client, establishments):
    closed = establishments["closed"]

    response = client.get(f"/api/establishments/{closed.finess}/")

    assert response.status_code == 200
    assert response.json()["is_closed"] is True


def test_an_unknown_finess_is_a_404(client, establishments):
    response = client.get("/api/establishments/999999999/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_managing_bodies(client, establishments):
    lyon = establishments["ime"].managing_body
    ManagingBodyFactory(name="Organisme fermé", is_closed=True)

    listing = client.get("/api/managing-bodies/")
    searched = client.get("/api/managing-bodies/", {"q": "fondation rhone"})
    by_departement = client.get("/api/managing-bodies/", {"departement": "69"})
    detail = client.get(f"/api/managing-bodies/{lyon.finess}/")

    assert listing.status_code == 200
    assert listing.json()["count"] == 4
    assert "Organisme fermé" not in {row["name"] for row in listing.json()["results"]}
    assert finesses(searched) == {lyon.finess}
    assert finesses(by_departement) == {lyon.finess}
    assert detail.status_code == 200
    assert detail.json()["name"] == "Fondation du Rhône"
    assert detail.json()["size_class"] == "small"
    assert client.get("/api/managing-bodies/999999999/").status_code == 404


def test_regions(client):
    response = client.get("/api/regions/")

    assert response.status_code == 200
    names = {row["code"]: row["name"] for row in response.json()["results"]}
    assert names["84"] == "Auvergne-Rhône-Alpes"
    assert names["11"] == "Île-de-France"


def test_departements_of_a_region(client):
    response = client.get("/api/departements/", {"region": "84"})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == response.json()["count"] == 12
    assert {row["region"] for row in rows} == {"84"}
    assert {"01", "69", "74"} <= {row["code"] for row in rows}
    assert "75" not in {row["code"] for row in rows}
    assert Departement.objects.filter(region="84").count() == 12


def test_categories_of_the_social_domain_are_paginated(client):
    expected = Category.objects.filter(domain="SOC").count()

    first = client.get("/api/categories/", {"domain": "SOC"})
    second = client.get(first.json()["next"])

    assert first.status_code == 200
    body = first.json()
    assert body["count"] == expected > 50
    assert len(body["results"]) == 50
    assert "page=2" in body["next"]
    assert "domain=SOC" in body["next"]
    assert {row["domain"] for row in body["results"]} == {"SOC"}
    assert second.status_code == 200
    assert second.json()["previous"] is not None
    assert {row["code"] for row in body["results"]}.isdisjoint(
        {row["code"] for row in second.json()["results"]}
    )


def test_solutions(client):
    solution = Solution.objects.select_related("editor").first()

    listing = client.get("/api/solutions/")
    detail = client.get(f"/api/solutions/{solution.uid}/")

    assert listing.status_code == 200
    assert listing.json()["count"] == Solution.objects.count() > 0
    assert detail.status_code == 200
    assert detail.json()["name"] == solution.name
    assert detail.json()["editor"] == solution.editor.name
    assert detail.json()["segur_status"] == solution.segur_status == "unverified"
    assert detail.json()["segur_referenced"] is None  # non vérifiée: non évaluable


def test_the_read_api_refuses_writes_from_anonymous_users(client, establishments):
    url = f"/api/establishments/{establishments['ehpad'].finess}/"

    assert client.delete(url).status_code in (401, 403, 405)
    assert client.post("/api/regions/", {}).status_code in (401, 403, 405)


def test_the_schema_is_a_valid_openapi_document(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "API Mutualis"
    assert "/api/establishments/" in schema["paths"]
    assert {"get", "put"} <= set(schema["paths"]["/api/establishments/{finess}/it-profile/"])


def test_the_schema_is_served_as_yaml_by_default(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3.")


SCRIPT = re.compile(r"<script\b([^>]*)>")
SRC = re.compile(r'\bsrc="([^"]*)"')


def test_the_documentation_renders_with_our_own_scripts_only(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="swagger-ui"' in page
    sources = [SRC.search(attributes) for attributes in SCRIPT.findall(page)]
    assert sources
    for src in sources:
        assert src, "inline script"
        assert src.group(1).startswith("/"), src.group(1)
        assert not src.group(1).startswith("//"), src.group(1)
        assert "cdn" not in src.group(1)
        assert "http" not in src.group(1)
    assert any(
        src.group(1).startswith("/static/drf_spectacular_sidecar/swagger-ui-dist/")
        for src in sources
    )


def test_the_documentation_names_no_external_url_at_all(client):
    page = client.get("/api/docs/").content.decode()

    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    assert "cdn" not in page


def test_the_documentation_scripts_are_allowed_by_the_csp(client):
    """Same-origin files only ('self'), or inline code carrying the response's nonce."""
    response = client.get("/api/docs/")
    policy = response["Content-Security-Policy"]

    for attributes in SCRIPT.findall(response.content.decode()):
        if SRC.search(attributes):
            continue
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce, "inline script without a nonce"
        assert f"'nonce-{nonce.group(1)}'" in policy


def test_the_documentation_start_up_script_loads_our_schema(client):
    page = client.get("/api/docs/").content.decode()
    own = [
        src.group(1).replace("&amp;", "&")
        for src in map(SRC.search, SCRIPT.findall(page))
        if src and not src.group(1).startswith("/static/")
    ]
    assert own, "no start-up script"

    response = client.get(own[0])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()
