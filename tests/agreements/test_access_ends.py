"""The agreement, its versions, its signed scans and the cooperation evaluation are read by
the active members, the regional actors of the grappe's régions and national administrators;
an organisation invited, that declined or left does not read them. The budget never comes
from an outsider's simulation."""

import datetime

import pytest

from mutualis.agreements import document_context
from mutualis.grappes import selectors as grappe_selectors
from mutualis.grappes.models import FundingSimulation, GrappeMember
from mutualis.grappes.services import write_simulation
from tests.agreements.test_agreement_workflow import prepare, sign, url
from tests.factories import national_admin, regional_actor
from tests.grappes.conftest import body_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(client, grappe, carrier):
    """The version 1 under review, signed by the carrier."""
    prepare(client, grappe, carrier[1])
    client.post(url("status", grappe), {"action": "review"})
    sign(client, grappe, carrier[1], grappe.members.get(managing_body=carrier[0]))
    return grappe.agreement.versions.get().signatures.get()


def outsider(grappe, status: str):
    body, admin = body_with(2, "Association Sortie")
    GrappeMember.objects.create(grappe=grappe, managing_body=body, status=status)
    return admin


def reads(client, user, grappe, signature) -> list[int]:
    client.force_login(user)
    return [
        client.get(url(*args)).status_code
        for args in [
            ("agreement", grappe),
            ("download", grappe, 1, "pdf"),
            ("compare", grappe),
            ("scan", grappe, signature.pk),
            ("evaluation", grappe),
        ]
    ]


@pytest.mark.parametrize(
    "status",
    [GrappeMember.Status.DECLINED, GrappeMember.Status.LEFT, GrappeMember.Status.INVITED],
)
def test_only_the_grappe_reads_the_agreement_and_its_signed_scans(
    client, grappe, partner, signed, status
):
    assert reads(client, outsider(grappe, status), grappe, signed) == [403] * 5
    assert reads(client, regional_actor("11"), grappe, signed) == [403] * 5
    for reader in (partner[1], regional_actor("84"), national_admin()):
        assert reads(client, reader, grappe, signed) == [200, 200, 302, 200, 200]


def test_a_member_removed_after_signing_no_longer_downloads_the_scans(
    client, grappe, partner, signed
):
    grappe.members.filter(managing_body=partner[0]).update(status=GrappeMember.Status.LEFT)
    client.force_login(partner[1])
    assert client.get(url("scan", grappe, signed.pk)).status_code == 403


def later(simulation, year: int):
    """``simulation`` dated 1 January ``year``: the latest one, told apart by its date."""
    FundingSimulation.objects.filter(pk=simulation.pk).update(
        created_at=datetime.datetime(year, 1, 1, 12, tzinfo=datetime.UTC)
    )


def test_the_budget_never_comes_from_a_simulation_written_outside_the_grappe(grappe, carrier):
    inside = grappe.simulations.get()
    for author in (
        regional_actor("84"),
        national_admin(),
        outsider(grappe, GrappeMember.Status.DECLINED),
    ):
        later(write_simulation(author, grappe), 2030)
    assert grappe_selectors.budget_simulation(grappe) == inside
    assert document_context.build(grappe)["budget"]["date"] == f"{inside.created_at:%d/%m/%Y}"
    later(write_simulation(carrier[1], grappe), 2031)  # an insider's newer one is taken
    assert document_context.build(grappe)["budget"]["date"] == "01/01/2031"
