"""The main pages run a fixed number of queries, whatever the number of ESSMS, members or
grappes they show (no N+1): each page is measured with a few rows and with ten times more."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.agreements.models import Agreement, AgreementVersion
from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember
from mutualis.projects.models import Milestone, Project
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    national_admin,
    regional_actor,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30

# Upper bounds, so that a new query per page is a conscious choice.
# home: + pending sharing requests (sharing) + conventions de mise à disposition to sign (loan)
# + requirements left to rate in the grappes' common specifications
# The grappe page: +2 for the shared-resources panel (active membership, régions of the grappe),
# +2 for the common specifications panel (active membership, how many specifications).
MAX_QUERIES = {"grappe": 22, "directory": 12, "map": 7, "organisation": 13, "home": 25}


class World:
    """A carrier with an administrator and a simple member, a partner body, a grappe between
    them, a regional actor of the carrier's région and a national administrator."""

    def __init__(self) -> None:
        self.carrier = ManagingBodyFactory(name="Association Porteuse")
        self.partner = ManagingBodyFactory(name="Fondation Partenaire")
        self.admin = MembershipFactory(managing_body=self.carrier, role=MembershipRole.ADMIN).user
        self.member = MembershipFactory(managing_body=self.carrier).user
        self.partner_user = MembershipFactory(managing_body=self.partner).user
        self.regional = regional_actor("84")
        self.national = national_admin()
        self.grappe = Grappe.objects.create(
            name="Grappe de l'Ain", campaign=2024, carrier=self.carrier, created_by=self.admin
        )
        self.carrier_member = GrappeMember.objects.create(
            grappe=self.grappe, managing_body=self.carrier, status=GrappeMember.Status.ACTIVE
        )
        self.partner_member = GrappeMember.objects.create(
            grappe=self.grappe, managing_body=self.partner, status=GrappeMember.Status.ACTIVE
        )

    def grow_to(self, n: int) -> None:
        """``n`` ESSMS of the carrier in the grappe, ``n`` other members (invited bodies with
        their users) and ``n`` grappes carried, each with an agreement to sign and a late
        milestone."""
        while self.carrier.establishments.count() < n:
            establishment = EstablishmentFactory(managing_body=self.carrier)
            GrappeEstablishment.objects.create(
                grappe=self.grappe, member=self.carrier_member, establishment=establishment
            )
            body = ManagingBodyFactory()
            MembershipFactory(managing_body=body, role=MembershipRole.ADMIN)
            MembershipFactory(managing_body=self.carrier)
            GrappeMember.objects.create(grappe=self.grappe, managing_body=body)
            other = Grappe.objects.create(
                name=f"Grappe {establishment.pk}",
                campaign=2024,
                carrier=self.carrier,
                status=Grappe.Status.SELECTED,
            )
            GrappeMember.objects.create(
                grappe=other, managing_body=self.carrier, status=GrappeMember.Status.ACTIVE
            )
            GrappeMember.objects.create(grappe=other, managing_body=self.partner)
            agreement = Agreement.objects.create(
                grappe=other, status=Agreement.Status.REVIEW, library_version="1"
            )
            AgreementVersion.objects.create(
                agreement=agreement, number=1, clauses=[], context={}, context_hash="0"
            )
            project = Project.objects.create(grappe=other, opened_on=datetime.date(2019, 1, 1))
            Milestone.objects.create(
                project=project,
                title="Déploiement",
                planned_date=datetime.date(2020, 1, 1),
            )


@pytest.fixture
def world() -> World:
    return World()


def queries(client, url: str) -> int:
    client.get(url)  # warms the caches (key figures, FINESS date…)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def urls(world: World) -> dict[str, str]:
    return {
        "grappe": reverse("grappes:detail", args=[world.grappe.uid]),
        "directory": reverse("directory:establishments"),
        "map": reverse("directory:establishment_points"),
        "organisation": reverse("directory:managing_body", args=[world.carrier.finess]),
        "home": reverse("portal:home"),
    }


ROLES: dict[str, Callable[[World], object]] = {
    "anonymous": lambda w: None,
    "carrier admin": lambda w: w.admin,
    "carrier member": lambda w: w.member,
    "partner member": lambda w: w.partner_user,
    "regional actor": lambda w: w.regional,
    "national admin": lambda w: w.national,
}


def measure(client, world: World, role: str) -> dict[str, int]:
    user = ROLES[role](world)
    if user is not None:
        client.force_login(user)
    counted = {}
    for page, url in urls(world).items():
        if page == "grappe" and user is None:
            continue  # sign-in required
        counted[page] = queries(client, url)
    return counted


@pytest.mark.parametrize("role", ROLES)
def test_pages_run_as_many_queries_with_many_rows_as_with_few(
    client, world, role, django_assert_max_num_queries
):
    world.grow_to(FEW)
    few = measure(client, world, role)
    world.grow_to(MANY)
    many = measure(client, world, role)

    assert many == few
    for page, url in urls(world).items():
        if page in few:
            with django_assert_max_num_queries(MAX_QUERIES[page]):
                client.get(url)
