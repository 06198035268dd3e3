"""No visitor waits for a computation: the refresh task computes and stores every public
dashboard; pages serve the stored figures with their date, or say they are being computed."""

import re

import pytest
from django.urls import reverse

from mutualis.finess.models import Sector
from mutualis.observatory import pagecache, selectors, tasks
from mutualis.observatory.models import PublishedDashboard
from mutualis.territories.models import Departement, Region
from tests.pages import text, words

pytestmark = pytest.mark.django_db
URL = reverse("observatory:dashboard")


def test_the_refresh_stores_every_campaign_territory_and_sector(auvergne):
    count = selectors.refresh()
    territories = 1 + Region.objects.count() + Departement.objects.count()
    expected = len(selectors.campaigns()) * territories * (1 + Sector.objects.count())
    assert count == expected == PublishedDashboard.objects.count()
    stored = PublishedDashboard.objects.filter
    assert stored(key=f"{selectors.PAYLOAD_FORMAT}:2026::01:").exists()  # a département
    sector = Sector.objects.first().code
    assert stored(key=f"{selectors.PAYLOAD_FORMAT}:2026:84::{sector}").exists()


def test_a_request_reads_stored_figures_without_computing(client, auvergne, monkeypatch):
    selectors.refresh()

    def no_computation(*args):
        raise AssertionError("computed in a visitor's request")

    monkeypatch.setattr(selectors, "establishment_rows", no_computation)
    for params in ({}, {"region": "84"}, {"departement": "01"}, {"secteur": "pa"}):
        response = client.get(URL, {"campagne": 2026, **params})
        assert response.status_code == 200
    assert "Chiffres calculés le" in words(response)


def test_never_computed_figures_are_being_computed_in_the_background(client, auvergne, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "request_refresh", lambda: queued.append(True))
    response = client.get(URL, {"campagne": 2026, "region": "84"})
    assert response.status_code == 200
    assert "Chiffres en cours de calcul" in words(response)
    assert queued == [True]
    assert not PublishedDashboard.objects.exists()


def test_with_an_immediate_worker_the_first_visitor_gets_the_figures(client, auvergne):
    assert "Maturité moyenne 2,00" in words(client.get(URL, {"campagne": 2026}))
    assert PublishedDashboard.objects.count() > 100


def test_an_anonymous_page_is_kept_with_fresh_nonce_and_token(client, auvergne):
    pagecache.clear()
    first = client.get(URL, {"campagne": 2026})
    second = client.get(URL, {"campagne": 2026})
    nonce = re.search(r"'nonce-([^']+)'", second["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in text(second)
    assert pagecache.NONCE not in text(second) and pagecache.TOKEN not in text(second)
    assert words(first) == words(second).replace(
        nonce, re.search(r"'nonce-([^']+)'", first["Content-Security-Policy"]).group(1)
    )
    token = re.search(r'"X-CSRFToken": "([^"]+)"', text(second)).group(1)
    assert len(token) == 64


def test_an_export_never_computed_answers_being_computed(client, auvergne, monkeypatch):
    monkeypatch.setattr(tasks, "request_refresh", lambda: None)
    url = reverse("observatory:export", args=["territoires", "csv"])
    response = client.get(url, {"campagne": 2026})
    assert response.status_code == 503
    assert "Chiffres en cours de calcul" in words(response)


def test_figures_stored_in_another_shape_are_not_served(auvergne):
    """A deployment that changes the stored classes serves "en cours de calcul" until the
    refresh rather than objects missing a field."""
    selectors.refresh()
    national = selectors.Scope()
    assert selectors.dashboard(national, 2026) is not None
    stored = PublishedDashboard.objects.get(key=selectors.key(national, 2026))
    PublishedDashboard.objects.create(
        key=stored.key.replace(selectors.PAYLOAD_FORMAT, "00000000", 1),
        computed_at=stored.computed_at,
        payload=stored.payload,
    )
    stored.delete()
    assert selectors.dashboard(national, 2026) is None
