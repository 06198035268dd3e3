"""The demo grappe holds only ESSMS its programme accepts: a large housing operator (résidences
sociales, foyers de travailleurs migrants) brings its other ESSMS, so the demo's selected grappe
is eligible."""

import pytest

from mutualis.grappes import selectors
from mutualis.grappes.demo import seed_demo_grappes
from mutualis.grappes.models import Grappe
from tests.factories import EstablishmentFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db


def test_the_demo_grappe_leaves_housing_out_and_is_eligible():
    for rank, count in enumerate((40, 30)):
        body = ManagingBodyFactory(departement_id="01", establishment_count=count - rank)
        EstablishmentFactory.create_batch(10, managing_body=body, category_id="259")
        EstablishmentFactory.create_batch(10, managing_body=body, category_id="500")
    seed_demo_grappes()
    grappe = Grappe.objects.get(name__startswith="Grappe de démonstration")
    chosen = grappe.establishments.values_list("establishment__category_id", flat=True)
    assert chosen and set(chosen) == {"500"}
    assert selectors.eligibility(grappe).verdict is True


def test_the_demo_grappe_is_deposited_in_the_region_of_most_of_its_essms():
    carrier = ManagingBodyFactory(departement_id="01", establishment_count=40)
    partner = ManagingBodyFactory(departement_id="01", establishment_count=30)
    EstablishmentFactory(managing_body=carrier, category_id="500", region_id="76")
    EstablishmentFactory.create_batch(3, managing_body=carrier, category_id="500", region_id="84")
    EstablishmentFactory.create_batch(2, managing_body=partner, category_id="500", region_id="84")
    seed_demo_grappes()
    grappe = Grappe.objects.get(name__startswith="Grappe de démonstration")
    assert grappe.deposit_region_id == "84"
