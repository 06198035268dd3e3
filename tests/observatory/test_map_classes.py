"""Map classes from the quantiles of the values shown; a département's own figures."""

import re

import pytest
from django.urls import reverse

from mutualis.directory.models import ItProfile
from mutualis.observatory.maps import class_bounds, css_class, legend
from tests.factories import EstablishmentFactory, ManagingBodyFactory
from tests.observatory.conftest import assess
from tests.pages import text, words

pytestmark = pytest.mark.django_db
URL = reverse("observatory:dashboard")


def test_bounds_are_quantiles_of_the_values_shown():
    values = [1.0, 1.2, 1.4, 1.6, 1.8, 2.0]
    bounds = class_bounds(values)
    assert bounds[0] == 1.0 and bounds[-1] == 2.0 and len(bounds) == 6
    assert [css_class(v, bounds) for v in (1.0, 2.0)] == ["mutualis-choro--0", "mutualis-choro--4"]
    assert css_class(None, bounds) == "mutualis-choro--none"


def test_repeated_values_give_fewer_classes_and_one_value_one_class():
    assert class_bounds([1.0] * 9 + [5.0]) == [1.0, 5.0]
    assert class_bounds([2.0, 2.0, 2.0]) == [2.0, 2.0]
    assert class_bounds([2.5]) == [2.5, 2.5]
    assert next(item.label for item in legend([2.5, 2.5], str)) == "2.5"
    assert class_bounds([]) == []


def test_legend_shows_the_class_bounds():
    labels = [item.label for item in legend([1.0, 1.5, 2.0], lambda v: f"{v:.2f}")]
    assert labels == [
        "de 1.00 à 1.50",
        "plus de 1.50 à 2.00",
        "Secret statistique ou pas de données",
    ]


@pytest.fixture
def two_departements(auvergne):
    """Ain (01) scores 1 to 3 (mean 2); Isère (38) scores 4 everywhere."""
    body = ManagingBodyFactory()
    for _ in range(5):
        place = EstablishmentFactory(managing_body=body, departement_id="38", postal_code="38000")
        ItProfile.objects.create(establishment=place, dui_status="deployed")
        assess(place, score=3.9)
    return auvergne


def test_a_regions_departements_differ_on_its_map(client, two_departements):
    response = client.get(URL, {"campagne": 2026, "region": "84"})
    page = text(response)
    ain = re.search(r'aria-label="Ain : 2,00">\s*<path class="mutualis-choro__area ([\w-]+)', page)
    isere = re.search(
        r'aria-label="Isère : 3,90">\s*<path class="mutualis-choro__area ([\w-]+)', page
    )
    assert ain and isere and ain.group(1) != isere.group(1)
    assert "de 2,00 à" in words(response)  # legend bounds from the values shown


def test_a_departements_page_shows_its_own_figures_beside_its_region(client, two_departements):
    response = client.get(URL, {"campagne": 2026, "departement": "38"})
    page = words(response)
    assert "Observatoire : Isère" in page
    assert "Maturité moyenne 3,90" in page
    assert "Isère, sa région et la France" in page
    assert "Isère 5 5 100,0 %" in page
    assert "Région Auvergne-Rhône-Alpes 11 11" in page
    assert "France entière 12 11" in page
    assert "Ain 6 6" not in page  # not its région's table
