import pytest
from django.urls import reverse

from tests.factories import EstablishmentFactory, ManagingBodyFactory

URL = reverse("directory:establishments")


@pytest.fixture
def establishments(db):
    body = ManagingBodyFactory(name="Fondation Saint-Éloi", finess="750000017")
    return {
        "ehpad": EstablishmentFactory(name="E.H.P.A.D. L'Orée du Bois", managing_body=body),
        "sessad": EstablishmentFactory(
            name="SESSAD Les Lilas",
            category_id="182",
            departement_id="69",
            region_id="84",
            city="LYON",
            postal_code="69003",
            commune_id=None,
        ),
        "closed": EstablishmentFactory(name="EHPAD Fermé", is_closed=True),
    }


def names(response) -> set[str]:
    return {e.name for e in response.context["page_obj"]}


def test_search_by_words_ignores_accents_dots_and_case(client, establishments):
    assert names(client.get(URL, {"q": "ehpad oree"})) == {"E.H.P.A.D. L'Orée du Bois"}


def test_search_by_finess_number(client, establishments):
    finess = establishments["sessad"].finess
    assert names(client.get(URL, {"q": f" {finess} "})) == {"SESSAD Les Lilas"}


def test_filters_by_sector_departement_and_commune(client, establishments):
    assert names(client.get(URL, {"sector": "ph_enfants"})) == {"SESSAD Les Lilas"}
    assert names(client.get(URL, {"departement": "01"})) == {"E.H.P.A.D. L'Orée du Bois"}
    assert names(client.get(URL, {"commune": "69003"})) == {"SESSAD Les Lilas"}
    assert names(client.get(URL, {"commune": "lyon"})) == {"SESSAD Les Lilas"}


def test_closed_establishments_only_on_request(client, establishments):
    assert "EHPAD Fermé" not in names(client.get(URL))
    assert "EHPAD Fermé" in names(client.get(URL, {"include_closed": "on"}))


def test_empty_state_is_explained(client, establishments):
    response = client.get(URL, {"q": "introuvable"})
    assert "Aucun établissement ne correspond à votre recherche" in response.text


def test_results_are_paginated(client, db):
    EstablishmentFactory.create_batch(25)
    response = client.get(URL)
    assert len(response.context["page_obj"]) == 20
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(client.get(URL, {"page": 2}).context["page_obj"]) == 5


def test_map_points_follow_the_filters(client, establishments):
    data = client.get(reverse("directory:establishment_points"), {"sector": "pa"}).json()
    assert data["count"] == 1 and not data["truncated"] and data["clusters"] == []
    _lat, _lon, finess, name = data["points"][0]
    assert (finess, name) == (establishments["ehpad"].finess, "E.H.P.A.D. L'Orée du Bois")
    assert data["detail_url"].replace("FINESS", finess) == reverse(
        "directory:establishment", args=[finess]
    )


def test_managing_body_search(client, establishments):
    response = client.get(reverse("directory:managing_bodies"), {"q": "saint eloi"})
    assert [b.finess for b in response.context["page_obj"]] == ["750000017"]


def test_closest_names_come_first(client, db):
    for name in ("Accueil de jour EHPAD Les Tilleuls", "EHPAD Les Tilleuls", "Les Tilleuls"):
        EstablishmentFactory(name=name)
    ranked = [e.name for e in client.get(URL, {"q": "ehpad les tilleuls"}).context["page_obj"]]
    assert ranked == ["EHPAD Les Tilleuls", "Accueil de jour EHPAD Les Tilleuls"]
