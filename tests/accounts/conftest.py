import pytest

from mutualis.accounts.models import MembershipRole
from tests.accounts.oidc import CLIENTS
from tests.factories import ManagingBodyFactory, MembershipFactory
from tests.oidc_provider import running_provider


@pytest.fixture
def body():
    return ManagingBodyFactory(name="Association Les Tilleuls")


@pytest.fixture
def admin(body):
    return MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user


@pytest.fixture(scope="module")
def provider_url():
    """The discovery address of a real OpenID Connect provider started for these tests."""
    accounts = {
        "nurse": {
            "email": "infirmier@ehpad.example.fr",
            "given_name": "Iris",
            "family_name": "Soin",
        },
        "unverified": {
            "email": "non.verifiee@example.fr",
            "email_verified": False,
            "given_name": "Noé",
            "usual_name": "Doute",
        },
    }
    with running_provider(CLIENTS, accounts) as url:
        yield url
