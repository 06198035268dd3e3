import pytest

from mutualis.accounts.models import MembershipRole
from tests.factories import ManagingBodyFactory, MembershipFactory


@pytest.fixture
def body():
    return ManagingBodyFactory(name="Association Les Tilleuls")


@pytest.fixture
def admin(body):
    return MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
