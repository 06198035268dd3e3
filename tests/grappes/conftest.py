import pytest

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import ManagingBody, Solution
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory


def body_with(n: int, name: str) -> tuple[ManagingBody, object]:
    """A managing body with ``n`` open EHPADs, and its administrator."""
    body = ManagingBodyFactory(name=name, establishment_count=n)
    EstablishmentFactory.create_batch(n, managing_body=body)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    return body, admin


@pytest.fixture
def carrier(db):
    return body_with(10, "Association Porteuse")


@pytest.fixture
def partner(db):
    return body_with(6, "Fondation Partenaire")


@pytest.fixture
def segur_solution(db):
    solution = Solution.objects.order_by("pk").first()
    solution.segur_referenced = True
    solution.save()
    return solution
