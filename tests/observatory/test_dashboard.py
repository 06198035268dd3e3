"""Public observatory dashboards: national, regional drill-down, small cells withheld."""

import pytest
from django.urls import reverse

from mutualis.directory.models import ItProfile
from mutualis.observatory import selectors
from mutualis.observatory.dataset import establishment_rows
from tests.factories import EstablishmentFactory
from tests.observatory.conftest import assess
from tests.pages import words

pytestmark = pytest.mark.django_db
URL = reverse("observatory:dashboard")


def test_national_dashboard_shows_key_figures_and_the_region_map(client, auvergne):
    page = words(client.get(URL, {"campagne": 2026}))
    assert "Observatoire : France entière" in page
    assert "ESSMS ouverts 7" in page
    assert "Équipés d'un DUI 50,0 %" in page
    assert "Maturité moyenne 2,00" in page
    # Ségur share withheld, then its 3 equipped ESSMS without solution: non évaluable
    assert "Auvergne-Rhône-Alpes 6 6 50,0 % secret 3 6 2,00" in page
    assert "Île-de-France 1 0 secret secret 0 0 secret" in page
    assert (
        "INS MSSanté DMP / Mon espace santé Pro Santé Connect 50,0 % secret secret secret" in page
    )


def test_a_region_drills_down_to_its_departements(client, auvergne):
    response = client.get(URL, {"campagne": 2026, "region": "84", "indicateur": "dui_rate"})
    page = words(response)
    assert "Observatoire : Auvergne-Rhône-Alpes" in page
    assert "Taux d'équipement en DUI (%) par département" in page
    assert "Ain 6 6 50,0 %" in page
    assert 'aria-label="Ain : 50,0 %"' in response.content.decode()
    assert "?campagne=2026&amp;indicateur=dui_rate&amp;departement=01" in response.content.decode()


def test_an_establishment_inherits_its_managing_body_assessment(auvergne):
    places, _ = auvergne
    newcomer = EstablishmentFactory(managing_body=places[0].managing_body)
    assess(body=newcomer.managing_body, score=3.5)
    rows = {row.score for row in establishment_rows(2026) if row.departement == "01"}
    assert 3.5 in rows  # the newcomer, without its own assessment
    assert rows >= {1.0, 2.0, 3.0}  # the others keep their own


def test_figures_are_cached_until_refreshed(client, auvergne):
    places, _ = auvergne
    client.get(URL, {"campagne": 2026})
    ItProfile.objects.filter(establishment__in=places).update(dui_status="deployed")
    assert "Équipés d'un DUI 50,0 %" in words(client.get(URL, {"campagne": 2026}))
    selectors.refresh()
    assert "Équipés d'un DUI 100,0 %" in words(client.get(URL, {"campagne": 2026}))


def test_demo_data_are_announced(client, auvergne):
    places, _ = auvergne
    ItProfile.objects.filter(establishment=places[0]).update(is_demo=True)
    assert "données de démonstration" in words(client.get(URL, {"campagne": 2026}))


def test_unknown_territories_are_not_found(client, db):
    assert client.get(URL, {"region": "99"}).status_code == 404


def test_a_submission_refreshes_the_figures_in_the_background(
    client, auvergne, django_capture_on_commit_callbacks
):
    places, _ = auvergne
    assert "Maturité moyenne 2,00" in words(client.get(URL, {"campagne": 2026}))
    with django_capture_on_commit_callbacks(execute=True):
        assess(EstablishmentFactory(managing_body=places[0].managing_body), score=4.0)
    assert "Maturité moyenne 2,29" in words(client.get(URL, {"campagne": 2026}))
