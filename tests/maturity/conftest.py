import pytest

from mutualis.accounts.models import MembershipRole
from mutualis.maturity.models import Indicator, ReferentialVersion
from tests.factories import EstablishmentFactory, MembershipFactory


@pytest.fixture
def establishment(db):
    return EstablishmentFactory(name="EHPAD Les Tilleuls")


@pytest.fixture
def member(establishment):
    return MembershipFactory(
        managing_body=establishment.managing_body, role=MembershipRole.MEMBER
    ).user


@pytest.fixture
def indicators(db):
    referential = ReferentialVersion.objects.get(is_current=True)
    return list(
        Indicator.objects.filter(theme__dimension__referential=referential).order_by(
            "theme__dimension__position", "theme__position", "position"
        )
    )
