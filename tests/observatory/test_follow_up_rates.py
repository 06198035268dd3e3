"""The follow-up's counters follow the filters, and submission rates by département are
drawn on a map of the région with their table."""

import re

import pytest
from django.urls import reverse

from mutualis.maturity.models import Assessment
from tests.factories import EstablishmentFactory, regional_actor
from tests.observatory.conftest import assess
from tests.pages import text, words

pytestmark = pytest.mark.django_db
URL = reverse("observatory:follow_up")


@pytest.fixture
def region(db):
    assess(EstablishmentFactory(name="EHPAD Soumis de l'Ain"))
    EstablishmentFactory(name="EHPAD Sans rien de l'Ain")
    assess(EstablishmentFactory(name="SESSAD Soumis de l'Ain", category_id="182"))
    isere = EstablishmentFactory(
        name="EHPAD En cours de l'Isère", departement_id="38", postal_code="38000"
    )
    assess(isere, status=Assessment.Status.DRAFT)
    EstablishmentFactory(name="EHPAD Parisien", departement_id="75", region_id="11")


def test_counters_follow_the_departement_and_sector_filters(client, region):
    client.force_login(regional_actor("84"))
    assert "Soumis : 2 En cours : 1 Aucun : 1" in words(client.get(URL, {"campagne": 2026}))
    ain = words(client.get(URL, {"campagne": 2026, "departement": "01"}))
    assert "Soumis : 2 En cours : 0 Aucun : 1" in ain
    elderly = words(client.get(URL, {"campagne": 2026, "departement": "01", "secteur": "pa"}))
    assert "Soumis : 1 En cours : 0 Aucun : 1" in elderly
    # the state filter narrows the list, the counters keep the breakdown
    only_none = words(client.get(URL, {"campagne": 2026, "etat": "aucun"}))
    assert "Soumis : 2 En cours : 1 Aucun : 1" in only_none
    assert "Établissements (1)" in only_none


def test_submission_rates_by_departement_in_a_table_and_on_a_map(client, region):
    client.force_login(regional_actor("84"))
    response = client.get(URL, {"campagne": 2026, "secteur": "pa"})
    page = words(response)
    assert "Ain 2 1 0 1 50,0 %" in page
    assert "Isère 1 0 1 0 0,0 %" in page
    assert "Cantal 0 0 0 0 aucun ESSMS" in page
    assert "Paris" not in page.split("Taux de soumission par département")[1].split("</table")[0]
    html = text(response)
    ain_shape = re.search(
        r'<a href="([^"]+)" aria-label="Ain : 50,0 %">\s*<path class="([^"]+)"', html
    )
    assert ain_shape, "the Ain is drawn with its rate"
    assert "departement=01" in ain_shape.group(1) and "secteur=pa" in ain_shape.group(1)
    # classes from the quantiles of the rates shown: the highest in the darkest class
    assert "mutualis-choro--4" in ain_shape.group(2)
    assert re.search(r'aria-label="Isère : 0,0 %">\s*<path class="[^"]*mutualis-choro--0', html)
    assert html.count('class="mutualis-choro__area') == 12  # the 12 départements of ARA
