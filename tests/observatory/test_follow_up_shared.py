"""The follow-up lists the assessments shared with the région: palier, score and a link to
the result, which opens for the région's actors and for nobody of another région."""

import pytest
from django.urls import reverse

from mutualis.maturity.models import Assessment
from tests.factories import EstablishmentFactory, UserFactory, national_admin, regional_actor
from tests.observatory.conftest import assess
from tests.pages import text, words

pytestmark = pytest.mark.django_db
URL = reverse("observatory:follow_up")
SHARED_URL = reverse("observatory:follow_up_shared")


def shared(establishment, score, **values) -> Assessment:
    return assess(
        establishment,
        score=score,
        shared_with_region=True,
        region_id=establishment.region_id,
        departement_id=establishment.departement_id,
        sector_id=establishment.category.sector_id,
        **values,
    )


@pytest.fixture
def assessments(db):
    ain = shared(EstablishmentFactory(name="EHPAD Partagé"), 2.75)
    not_shared = EstablishmentFactory(name="EHPAD Discret")
    assess(not_shared, score=3.5)
    paris = EstablishmentFactory(
        name="EHPAD Parisien Partagé", departement_id="75", region_id="11", postal_code="75001"
    )
    return ain, shared(paris, 1.25)


def test_shared_assessments_show_their_palier_score_and_result_link(client, assessments):
    ain, _ = assessments
    client.force_login(regional_actor("84"))
    response = client.get(URL, {"campagne": 2026})
    page = words(response)
    assert "Autodiagnostics partagés avec la région (1)" in page
    assert "EHPAD Partagé" in page and "Soumis Palier 2 2,75 Voir le résultat" in page
    assert "EHPAD Discret" not in page.split("Taux de soumission")[0]  # not shared
    assert "EHPAD Parisien Partagé" not in page  # another région
    link = reverse("maturity:result", args=[ain.uid])
    assert f'href="{link}"' in text(response)
    assert client.get(link).status_code == 200


def test_the_result_is_closed_to_the_actors_of_another_region(client, assessments):
    ain, paris = assessments
    client.force_login(regional_actor("11"))
    page = words(client.get(URL, {"campagne": 2026}))
    assert "EHPAD Parisien Partagé" in page and "EHPAD Partagé Association" not in page
    assert client.get(reverse("maturity:result", args=[ain.uid])).status_code == 403
    assert client.get(reverse("maturity:result", args=[paris.uid])).status_code == 200


def test_a_national_administrator_sees_every_region_without_the_answers(client, assessments):
    client.force_login(national_admin())
    page = words(client.get(SHARED_URL, {"campagne": 2026}))
    assert "EHPAD Partagé" in page and "EHPAD Parisien Partagé" in page
    assert page.count("réservé aux acteurs de sa région") == 2


def test_the_shared_list_follows_the_filters_and_paginates(client, assessments):
    assess(EstablishmentFactory(), campaign=2025)  # 2025 becomes a campaign to choose
    for index in range(12):
        shared(EstablishmentFactory(name=f"EHPAD Série {index:02d}"), 1.0 + index / 10)
    client.force_login(regional_actor("84"))
    page = words(client.get(URL, {"campagne": 2026}))
    assert "Autodiagnostics partagés avec la région (13)" in page
    assert "Voir les 13 autodiagnostics partagés" in page
    full = words(client.get(SHARED_URL, {"campagne": 2026}))
    assert all(f"EHPAD Série {index:02d}" in full for index in range(12))
    other_departement = words(client.get(SHARED_URL, {"campagne": 2026, "departement": "38"}))
    assert "EHPAD Série" not in other_departement
    assert "Aucun organisme n'a partagé son autodiagnostic" in other_departement
    assert "EHPAD Partagé" not in words(client.get(SHARED_URL, {"campagne": 2025}))


def test_reserved_to_regional_actors(client, assessments):
    assert client.get(SHARED_URL).status_code == 302
    client.force_login(UserFactory())
    response = client.get(SHARED_URL)
    assert response.status_code == 403
    assert "réservé aux acteurs régionaux" in text(response)
