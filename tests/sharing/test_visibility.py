"""Who sees which listing: région, grappe, everyone; own listings always; expired and
withdrawn ones only by their body; anonymous users never."""

import datetime

import pytest
from django.urls import reverse

from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.sharing import selectors
from mutualis.sharing.models import Listing, Skill
from tests.factories import UserFactory, national_admin, regional_actor
from tests.pages import text
from tests.sharing.factories import ListingFactory, body_with_admin, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    owner, owner_admin = body_with_admin("Association Alpha")  # région 84
    near, near_admin = body_with_admin("Association Voisine")  # région 84
    far, far_admin = body_with_admin("Fondation Loin", region="11", departement="75")
    grappe = Grappe.objects.create(
        name="Grappe de l'Ain", campaign=2026, carrier=owner, created_by=owner_admin
    )
    GrappeMember.objects.create(grappe=grappe, managing_body=owner, status="active")
    GrappeMember.objects.create(grappe=grappe, managing_body=far, status="active")
    GrappeMember.objects.create(grappe=grappe, managing_body=near, status="declined")
    return {
        "owner": owner,
        "owner_admin": owner_admin,
        "near_admin": near_admin,
        "far_admin": far_admin,
        "grappe": grappe,
        "regional": regional_actor("84"),
        "other_regional": regional_actor("11"),
        "national": national_admin(),
        "no_org": UserFactory(),
    }


def visible(user) -> set[str]:
    return set(selectors.visible_listings(user).values_list("title", flat=True))


def test_each_visibility_reaches_exactly_its_audience(people):
    owner = people["owner"]
    ListingFactory(managing_body=owner, title="région", visibility="region")
    ListingFactory(
        managing_body=owner, title="grappe", visibility="grappe", grappe=people["grappe"]
    )
    ListingFactory(managing_body=owner, title="tous", visibility="everyone")
    assert visible(people["owner_admin"]) == {"région", "grappe", "tous"}
    assert visible(people["near_admin"]) == {"région", "tous"}  # declined the grappe
    assert visible(people["far_admin"]) == {"grappe", "tous"}  # active member, other région
    assert visible(people["regional"]) == {"région", "tous"}
    assert visible(people["other_regional"]) == {"tous"}
    assert visible(people["national"]) == {"région", "grappe", "tous"}
    assert visible(people["no_org"]) == {"tous"}
    assert visible(None) == set()


def test_expired_and_withdrawn_listings_are_seen_by_their_body_only(people, client):
    owner = people["owner"]
    expired = ListingFactory(
        managing_body=owner,
        title="Ancienne offre",
        starts_on=today() - datetime.timedelta(days=60),
        ends_on=today() - datetime.timedelta(days=1),
    )
    ListingFactory(managing_body=owner, title="retirée", status=Listing.Status.WITHDRAWN)
    assert expired.is_expired
    assert visible(people["near_admin"]) == set()
    assert visible(people["owner_admin"]) == {"Ancienne offre", "retirée"}
    client.force_login(people["near_admin"])
    assert client.get(reverse("sharing:detail", args=[expired.uid])).status_code == 404
    assert "Ancienne offre" not in text(client.get(reverse("sharing:explore")))
    client.force_login(people["owner_admin"])
    page = text(client.get(reverse("sharing:mine")))
    assert "Ancienne offre" in page and "Expirée" in page


def test_explore_is_anonymised_and_filtered(people, client):
    ListingFactory(managing_body=people["owner"], title="DPO partagé")
    ListingFactory(
        managing_body=people["owner"],
        title="Baie serveur mutualisée",
        skill=Skill.objects.get(code="serveur"),
        days_per_month=None,
    )
    client.force_login(people["near_admin"])
    page = text(client.get(reverse("sharing:explore")))
    assert "DPO partagé" in page and "Baie serveur mutualisée" in page
    assert "Association Alpha" not in page
    assert "Ain (01)" in page  # the département is shown
    assert "moins de 1 km de votre établissement le plus proche" in page
    filtered = text(client.get(reverse("sharing:explore") + "?competence=dpo"))
    assert "DPO partagé" in filtered and "Baie serveur mutualisée" not in filtered
    hostile = client.get(reverse("sharing:explore") + "?competence=²&region=٣&page=9999999999")
    assert hostile.status_code == 200
    assert "Des filtres sont invalides" in text(hostile)


def test_anonymous_users_are_sent_to_sign_in(client, people):
    listing = ListingFactory(managing_body=people["owner"])
    for url in (reverse("sharing:explore"), reverse("sharing:detail", args=[listing.uid])):
        response = client.get(url)
        assert (
            response.status_code == 302 and "connexion" in response.url
        ) or "login" in response.url
