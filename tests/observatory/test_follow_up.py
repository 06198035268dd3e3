"""Regional actors follow the assessment state of the establishments of their régions."""

import pytest
from django.urls import reverse

from mutualis.maturity.models import Assessment
from tests.factories import EstablishmentFactory, UserFactory, national_admin, regional_actor
from tests.observatory.conftest import assess
from tests.pages import words

pytestmark = pytest.mark.django_db
URL = reverse("observatory:follow_up")


@pytest.fixture
def places(db):
    submitted = EstablishmentFactory(name="EHPAD Soumis")
    assess(submitted)
    in_progress = EstablishmentFactory(name="EHPAD En cours")
    assess(in_progress, status=Assessment.Status.DRAFT)
    by_body = EstablishmentFactory(name="EHPAD Par son organisme")
    assess(body=by_body.managing_body)
    EstablishmentFactory(name="EHPAD Sans rien")
    EstablishmentFactory(name="EHPAD Parisien", departement_id="75", region_id="11")


def test_states_of_the_establishments_of_the_region(client, places):
    client.force_login(regional_actor("84"))
    page = words(client.get(URL, {"campagne": 2026}))
    assert "Soumis : 2 En cours : 1 Aucun : 1" in page
    assert "EHPAD Soumis" in page and "EHPAD Par son organisme" in page
    assert "EHPAD Parisien" not in page  # another région
    only_none = words(client.get(URL, {"campagne": 2026, "etat": "aucun"}))
    assert "EHPAD Sans rien" in only_none and "EHPAD Soumis" not in only_none


def test_csv_export(client, places):
    client.force_login(regional_actor("84"))
    response = client.get(URL, {"campagne": 2026, "format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].endswith("organisme;etat_autodiagnostic")
    assert len(lines) == 5
    assert any(line.startswith(f"{line.split(';')[0]};EHPAD En cours") for line in lines)


def test_reserved_to_regional_actors_and_national_administrators(client, places):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    client.force_login(national_admin())
    assert "EHPAD Parisien" in words(client.get(URL, {"campagne": 2026}))
