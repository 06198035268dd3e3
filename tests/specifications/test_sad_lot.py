"""Leads record the SAD lot and the ARS pre-validation date; viewers download the checklist."""

import datetime
import re

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from tests.factories import regional_actor
from tests.specifications import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return factories.group()


@pytest.fixture
def spec(group):
    return factories.specification(group)


def test_the_carrier_sets_the_lot(client, spec, group):
    client.force_login(group.carrier_admin)
    response = client.post(
        reverse("specifications:set_lot", args=[spec.uid]),
        {"sad_sector": "handicap", "sad_mode": "saas", "ars_prevalidated_on": "2026-02-10"},
    )
    assert response.status_code == 302
    spec.refresh_from_db()
    assert (spec.sad_sector, spec.sad_mode) == ("handicap", "saas")
    assert spec.ars_prevalidated_on == datetime.date(2026, 2, 10)
    assert AuditLog.objects.filter(action="specifications.set_lot").exists()
    page = client.get(reverse("specifications:documents", args=[spec.uid])).content.decode()
    assert "Handicap — SaaS" in page and "Pré-validée par l&#x27;ARS le 10/02/2026" in page


@pytest.mark.parametrize(
    "data",
    [
        {"sad_sector": "lune", "sad_mode": "saas", "ars_prevalidated_on": ""},
        {"sad_sector": "handicap", "sad_mode": "saas", "ars_prevalidated_on": "2026-13-45"},
        {"sad_sector": "handicap", "sad_mode": "saas", "ars_prevalidated_on": "٢٠٢٦-٠١-٠١"},
        {"sad_sector": "handicap", "sad_mode": "saas", "ars_prevalidated_on": "9999-01-01"},
        {"sad_sector": ["x"] * 3, "sad_mode": "z" * 10000},
    ],
)
def test_bad_input_is_refused_and_shown_again(client, spec, group, data):
    client.force_login(group.carrier_admin)
    response = client.post(reverse("specifications:set_lot", args=[spec.uid]), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    spec.refresh_from_db()
    assert spec.sad_sector == "" and spec.ars_prevalidated_on is None


def test_bad_date_keeps_the_choices(client, spec, group):
    client.force_login(group.carrier_admin)
    response = client.post(
        reverse("specifications:set_lot", args=[spec.uid]),
        {"sad_sector": "domicile", "sad_mode": "acquisition", "ars_prevalidated_on": "hier"},
    )
    body = response.content.decode()
    assert re.search(r'value="domicile"\s+id="id_sad_sector_3"\s+checked', body)
    assert "Saisissez une date valable" in body


def test_only_leads_set_the_lot(client, spec, group):
    url = reverse("specifications:set_lot", args=[spec.uid])
    data = {"sad_sector": "handicap", "sad_mode": "saas"}
    client.force_login(group.admins[1])
    assert client.post(url, data).status_code == 403
    client.force_login(regional_actor("84"))
    assert client.post(url, data).status_code == 403
    _, other = factories.body_with_admin("Autre", region="11", departement="75")
    client.force_login(other)
    assert client.post(url, data).status_code == 404
    client.logout()
    assert client.post(url, data).status_code == 302


def test_sad_pdf_for_viewers(client, spec, group):
    url = reverse("specifications:sad_pdf", args=[spec.uid])
    client.force_login(regional_actor("84"))
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.logout()
    assert client.get(url).status_code == 302
