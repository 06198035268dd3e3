"""Search boxes are bounded: a query of 128 KB is refused by the form with a French message
(SQLite answered "LIKE or GLOB pattern too complex", a server error), and the pages answer."""

import pytest
from django.urls import reverse

from mutualis.core.forms import SEARCH_MAX_LENGTH
from mutualis.initiatives.models import Initiative, InitiativeType
from tests.factories import EstablishmentFactory, ManagingBodyFactory, UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db

HUGE = "a" * 131072
TOO_LONG = "Une recherche compte au plus 200 caractères"


@pytest.fixture
def body():
    found = ManagingBodyFactory(name="Association Alpha", finess="010000024")
    EstablishmentFactory(managing_body=found, name="Résidence Les Mimosas")
    return found


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("directory:establishments", "q"),
        ("directory:establishments", "commune"),
        ("directory:establishments", "managing_body"),
        ("directory:managing_bodies", "q"),
        ("initiatives:list", "q"),
        ("initiatives:statistics", "q"),
    ],
)
def test_a_huge_query_is_refused_with_a_french_message(client, body, url_name, field):
    response = client.get(reverse(url_name), {field: HUGE})

    assert response.status_code == 200
    assert TOO_LONG in text(response)


def test_a_query_at_the_limit_is_still_searched(client, body):
    response = client.get(reverse("directory:establishments"), {"q": "x" * SEARCH_MAX_LENGTH})

    assert response.status_code == 200
    assert TOO_LONG not in text(response)
    assert "Résidence Les Mimosas" not in text(response)


def test_the_api_refuses_a_huge_query(client, body):
    response = client.get("/api/establishments/", {"q": HUGE})

    assert response.status_code == 400


def initiative_data(members: str) -> dict:
    return {
        "title": "Groupement d'achat de postes",
        "type": InitiativeType.objects.get(code="groupement_achat").pk,
        "summary": "Achat groupé de postes de travail.",
        "region": "84",
        "stage": "ongoing",
        "member_finess": members,
    }


def test_a_huge_member_line_of_an_initiative_is_refused_with_its_line(client, body):
    client.force_login(UserFactory())

    response = client.post(reverse("initiatives:propose"), initiative_data(f"010000024\n{HUGE}"))

    assert response.status_code == 200
    assert "Ligne 2 : au plus 200 caractères par organisme" in text(response)
    assert not Initiative.objects.exists()


def test_too_many_member_lines_are_refused(client, body):
    client.force_login(UserFactory())

    response = client.post(reverse("initiatives:propose"), initiative_data("a\n" * 600))

    assert response.status_code == 200
    assert "Indiquez au plus 500 organismes (un par ligne)" in text(response)
    assert not Initiative.objects.exists()
