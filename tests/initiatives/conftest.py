import pytest

from mutualis.initiatives.models import Initiative, InitiativeType
from tests.factories import EstablishmentFactory, ManagingBodyFactory


def initiative(**fields) -> Initiative:
    fields.setdefault("type", InitiativeType.objects.get(code="cahier_des_charges"))
    fields.setdefault("summary", "Un cahier des charges commun pour le DUI.")
    fields.setdefault("region_id", "84")
    return Initiative.objects.create(**{"title": "Cahier des charges de l'Ain", **fields})


@pytest.fixture
def bodies(db):
    """Two managing bodies of the Ain with two located ESSMS each."""
    found = []
    for name, finess in (("Association Alpha", "010000024"), ("Fondation Beta", "010000032")):
        body = ManagingBodyFactory(name=name, finess=finess, establishment_count=2)
        EstablishmentFactory.create_batch(2, managing_body=body)
        found.append(body)
    return found
