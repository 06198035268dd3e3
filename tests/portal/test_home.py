"""The home page: the steps of the journey with their public key figures."""

import pytest
from django.urls import reverse

from mutualis.library.demo import seed_demo_library
from mutualis.portal.journey import steps
from mutualis.portal.selectors import KeyFigures, key_figures
from tests.factories import EstablishmentFactory
from tests.initiatives.conftest import initiative
from tests.pages import text

pytestmark = pytest.mark.django_db


def test_the_key_figures_count_only_what_is_public():
    EstablishmentFactory.create_batch(3)
    EstablishmentFactory(is_closed=True)
    initiative(moderation="published")
    initiative(title="Grappe du Bugey", moderation="published", grappe_uid="0" * 32)
    initiative(title="En attente de modération")
    seed_demo_library()
    figures = key_figures()
    assert figures.establishments == 3
    assert (figures.initiatives, figures.grappes) == (2, 1)
    assert figures.reports == 6 and figures.assessments == 0


def test_every_step_links_to_its_part_of_the_platform(client):
    journey = steps(KeyFigures(1234, 1, 0, 5, 0, 2))
    assert [step.stage for step in journey][:2] == ["Connaître", "Se situer"]
    assert journey[0].figure == "1\u202f234 établissements ouverts, 1 organisme"
    assert journey[3].figure == "5 initiatives publiées"  # no grappe: not mentioned
    for step in journey:
        assert client.get(step.url).status_code in (200, 302)  # 302: sign-in first


def test_the_home_page_shows_the_journey_in_order(client):
    page = text(client.get(reverse("portal:home")))
    assert (
        page.index("Annuaire")
        < page.index("Autodiagnostic de maturité")
        < page.index("Convention et suivi de projet")
    )
    assert "0 retour publié" in page
