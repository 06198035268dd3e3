import pytest

from mutualis.sharing.demo import seed_demo_sharing
from mutualis.sharing.models import Listing
from tests.sharing.factories import body_with_admin

pytestmark = pytest.mark.django_db


def test_demo_offers_a_dpo_near_the_paris_demo_body_once():
    paris, _ = body_with_admin(
        "Paris", region="11", departement="75", latitude=48.85, longitude=2.35
    )
    paris.finess = "750808511"
    paris.save()
    neighbour, _ = body_with_admin(
        "Voisin", region="11", departement="75", latitude=48.86, longitude=2.36
    )
    body_with_admin("Ain")
    assert seed_demo_sharing() == 6
    dpo = Listing.objects.get(title="DPO 2 jours par mois")
    assert dpo.managing_body == neighbour and dpo.is_demo and dpo.region_id == "11"
    assert Listing.objects.get(title="Besoin d'un RSSI partagé").managing_body == paris
    assert seed_demo_sharing() == 0
