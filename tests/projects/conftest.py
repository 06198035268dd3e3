"""A selected grappe: a carrier with 3 ESSMS and a partner with 2, each with an administrator;
the partner also has a plain member; plus the readers and an outsider."""

from dataclasses import dataclass

import pytest

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import Solution
from mutualis.grappes import services as grappe_services
from mutualis.grappes.models import Grappe
from mutualis.projects import services
from tests.factories import MembershipFactory, checked_segur, national_admin, regional_actor
from tests.projects.factories import (
    GrappeEstablishmentFactory,
    GrappeFactory,
    GrappeMemberFactory,
)


@dataclass
class Setup:
    grappe: Grappe
    carrier_admin: object
    partner_admin: object
    partner_user: object
    carrier_member: object
    partner_member: object

    def open(self, **kwargs):
        return services.open_project(self.carrier_admin, self.grappe, **kwargs)

    def simulate(self):
        return grappe_services.simulate_funding(self.carrier_admin, self.grappe)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The factories set a password on every user: hash it cheaply here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def setup(db) -> Setup:
    grappe = GrappeFactory(name="Grappe du Bugey", carrier__name="Association Porteuse")
    solution = checked_segur(Solution.objects.order_by("pk").first())
    carrier = GrappeMemberFactory(grappe=grappe, managing_body=grappe.carrier)
    partner = GrappeMemberFactory(grappe=grappe, managing_body__name="Fondation Partenaire")
    for member, count in ((carrier, 3), (partner, 2)):
        member.managing_body.establishment_count = count
        member.managing_body.save()
        GrappeEstablishmentFactory.create_batch(count, member=member, solution=solution)
    return Setup(
        grappe=grappe,
        carrier_admin=MembershipFactory(
            managing_body=grappe.carrier, role=MembershipRole.ADMIN
        ).user,
        partner_admin=MembershipFactory(
            managing_body=partner.managing_body, role=MembershipRole.ADMIN
        ).user,
        partner_user=MembershipFactory(managing_body=partner.managing_body).user,
        carrier_member=carrier,
        partner_member=partner,
    )


@pytest.fixture
def regional(db):
    return regional_actor("84")


@pytest.fixture
def far_regional(db):
    return regional_actor("93")


@pytest.fixture
def national(db):
    return national_admin()


@pytest.fixture
def outsider(db):
    return MembershipFactory().user
