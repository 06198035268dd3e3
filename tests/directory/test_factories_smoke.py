import pytest

from tests.factories import EstablishmentFactory, MembershipFactory


@pytest.mark.django_db
def test_factories_build_a_member_of_an_establishments_managing_body():
    establishment = EstablishmentFactory()
    membership = MembershipFactory(managing_body=establishment.managing_body)
    assert establishment.category.sector_id == "pa"
    assert establishment.region.name == "Auvergne-Rhône-Alpes"
    assert membership.user.check_password("un-mot-de-passe-solide-42")
