import pytest
from django.db import connection
from django.urls import reverse

from mutualis.directory import selectors
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


@pytest.fixture
def saint_etienne(db):
    body = ManagingBodyFactory(name="ADAPEI de la Loire", finess="420787046")
    return [
        EstablishmentFactory(
            name=name,
            managing_body=body,
            city=city,
            postal_code="42000",
            commune_id=None,
            departement_id="42",
        )
        for name, city in (
            ("IME SAINT-ETIENNE", "ST ETIENNE"),
            ("SAVS SAINT-ETIENNE", "ST ETIENNE CEDEX 2"),
            ("EHPAD LES TILLEULS", "ST ETIENNE"),
        )
    ]


def test_commune_filter_reads_saint_hyphens_and_accents(client, saint_etienne):
    expected = {"IME SAINT-ETIENNE", "SAVS SAINT-ETIENNE", "EHPAD LES TILLEULS"}
    for typed in ("Saint-Étienne", "st etienne", "ST-ETIENNE"):
        assert names(client.get(URL, {"commune": typed})) == expected, typed


def test_legal_entity_number_lists_its_establishments_and_says_so(client, saint_etienne):
    response = client.get(URL, {"q": "420 787 046"})
    assert len(names(response)) == 3
    assert "est le numéro FINESS juridique de l'organisme gestionnaire" in response.text
    assert reverse("directory:managing_body", args=["420787046"]) in response.text


def test_a_misspelt_search_suggests_the_right_spelling_keeping_the_filters(client, saint_etienne):
    response = client.get(URL, {"q": "ehpda les tileuls", "departement": "42"})
    assert "Vouliez-vous dire" in response.text
    if connection.vendor == "postgresql":  # pg_trgm already lists the close names
        assert names(response) == {"EHPAD LES TILLEULS"}
        assert "voici les noms les plus proches" in response.text
    suggestion = response.context["suggested_query"]
    assert "q=ehpad+les+tilleuls" in suggestion and "departement=42" in suggestion
    assert names(client.get(f"{URL}?{suggestion}")) == {"EHPAD LES TILLEULS"}


def test_no_suggestion_when_the_search_finds_enough(client, saint_etienne):
    EstablishmentFactory.create_batch(5, name="EHPAD LES TILLEULS")
    response = client.get(URL, {"q": "ehpad tilleuls"})
    assert response.context["suggestion"] is None
    assert "Vouliez-vous dire" not in response.text


def test_managing_body_search_by_number_typed_with_spaces(client, saint_etienne):
    response = client.get(reverse("directory:managing_bodies"), {"q": "42.078.704.6"})
    assert [b.finess for b in response.context["page_obj"]] == ["420787046"]


def test_known_words_that_never_meet_find_nothing_rather_than_close_names(client, saint_etienne):
    response = client.get(URL, {"q": "savs tilleuls"})
    assert names(response) == set()
    assert not response.context["name_search"].approximate
    assert response.context["suggestion"] is None


def test_the_spelling_vocabulary_follows_the_names(db):
    EstablishmentFactory(name="EHPAD LES TILLEULS", city="ST ETIENNE")
    assert {"TILLEULS", "ETIENNE"} <= set(selectors.search_vocabulary())
    EstablishmentFactory(name="FOYER LES MIMOSAS")
    assert "MIMOSAS" in selectors.search_vocabulary()
