"""Builders of a grappe of three organisations and its common specification."""

from __future__ import annotations

from dataclasses import dataclass

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import ManagingBody
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.specifications import services
from mutualis.specifications.models import Specification
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory
from tests.projects.factories import GrappeFactory, GrappeMemberFactory


@dataclass
class Group:
    """A grappe of three active members (the carrier first), each with an administrator."""

    grappe: Grappe
    bodies: list[ManagingBody]
    admins: list  # users, in the order of ``bodies``

    @property
    def carrier_admin(self):
        return self.admins[0]


def body_with_admin(name: str, region: str = "84", departement: str = "01"):
    body = ManagingBodyFactory(name=name, departement_id=departement)
    EstablishmentFactory(managing_body=body, region_id=region, departement_id=departement)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    return body, admin


def group(region: str = "84", departement: str = "01") -> Group:
    names = ("Association Les Tilleuls", "Fondation du Bugey", "EHPAD La Roseraie")
    pairs = [body_with_admin(name, region, departement) for name in names]
    bodies = [body for body, _ in pairs]
    grappe = GrappeFactory(carrier=bodies[0], name="Grappe DUI de l'Ain")
    for body in bodies[1:]:
        GrappeMemberFactory(grappe=grappe, managing_body=body, status=GrappeMember.Status.ACTIVE)
    return Group(grappe, bodies, [admin for _, admin in pairs])


def specification(of: Group | None = None, title: str = "DUI commun 2027") -> Specification:
    of = of or group()
    return services.start_specification(of.carrier_admin, of.grappe, title)
