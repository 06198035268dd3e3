import pytest

from mutualis.directory.models import Solution
from mutualis.grappes import services as grappe_services
from mutualis.grappes.models import Grappe, GrappeEstablishment, GrappeMember
from tests.grappes.conftest import body_with


def build_grappe(bodies, *, simulate=True, status=Grappe.Status.SELECTED) -> Grappe:
    """A grappe of ``bodies`` (the first carries it), every ESSMS in, funding simulated."""
    carrier, carrier_admin = bodies[0]
    grappe = Grappe.objects.create(
        name="Grappe des Volcans", campaign=2024, carrier=carrier, status=status
    )
    solution = Solution.objects.order_by("pk").first()
    for body, _ in bodies:
        member = GrappeMember.objects.create(
            grappe=grappe, managing_body=body, status=GrappeMember.Status.ACTIVE
        )
        GrappeEstablishment.objects.bulk_create(
            GrappeEstablishment(
                grappe=grappe,
                member=member,
                establishment=e,
                situation="no_dui",
                solution=solution,
                hosting_mode="saas",
            )
            for e in body.establishments.all()
        )
    if simulate:
        grappe_services.simulate_funding(carrier_admin, grappe)
    return grappe


@pytest.fixture
def carrier(db):
    return body_with(10, "Association des Volcans", finess="630000019")


@pytest.fixture
def partner(db):
    return body_with(6, "Fondation du Puy", finess="630000027")


@pytest.fixture
def grappe(carrier, partner):
    return build_grappe([carrier, partner])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


SIGNED_PDF = b"%PDF-1.4\n%signed\n"


def sign_all(agreement, admins_by_body: dict, signed_on=None, capacity="Directeur général"):
    """Every active member's administrator records its signature of the latest version."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from mutualis.agreements import services

    for member in agreement.grappe.members.filter(status=GrappeMember.Status.ACTIVE):
        services.record_signature(
            admins_by_body[member.managing_body_id],
            member,
            signatory=f"Signataire de {member.managing_body.name}",
            capacity=capacity,
            signed_on=signed_on or datetime.date.today(),
            scan=SimpleUploadedFile("convention.pdf", SIGNED_PDF),
            scan_type="application/pdf",
        )
    agreement.refresh_from_db()
    return agreement
