import re

import pytest
from django.urls import resolve

from mutualis.core.navigation import main_links


def current(path: str) -> list[str]:
    return [link["label"] for link in main_links(resolve(path)) if link["current"]]


@pytest.mark.parametrize(
    ("path", "entry"),
    [
        ("/", "Accueil"),
        ("/annuaire/", "Annuaire"),
        ("/maturite/", "Autodiagnostic"),
        ("/retours-experience/", "Retours d'expérience"),
        ("/ateliers/", "Besoins et ateliers"),
        ("/initiatives/", "Initiatives"),
        ("/projets/", "Grappes"),
    ],
)
def test_exactly_one_entry_is_current(path, entry):
    assert current(path) == [entry]


def test_no_entry_is_current_without_a_resolved_page():
    assert not any(link["current"] for link in main_links(None))


@pytest.mark.django_db
def test_the_header_marks_the_current_entry(client):
    page = client.get("/retours-experience/").content.decode()
    assert page.count('aria-current="page"') == 1
    assert re.search(r'href="/retours-experience/"\s+aria-current="page"', page)
