"""Access to a grappe follows the membership that grants it and ends with it; read-only roles
(regional actors, invited organisations) neither simulate nor steer the grappe."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mutualis.grappes import selectors, services
from mutualis.grappes.models import Grappe, GrappeMember
from tests.factories import regional_actor
from tests.pages import text

pytestmark = pytest.mark.django_db


def grappe_with_invitee(carrier, partner) -> tuple[Grappe, GrappeMember]:
    grappe = services.create_grappe(carrier[1], carrier[0], "Grappe", "generalisation", 2024)
    services.simulate_funding(carrier[1], grappe)
    return grappe, services.invite_member(carrier[1], grappe, partner[0])


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"grappes:{name}", args=args))


@pytest.mark.parametrize("status", [GrappeMember.Status.DECLINED, GrappeMember.Status.LEFT])
def test_a_member_that_declined_or_left_sees_nothing_more(client, carrier, partner, status):
    grappe, member = grappe_with_invitee(carrier, partner)
    member.status = status
    member.save()
    simulation = grappe.simulations.get()
    assert get(client, partner[1], "detail", grappe.uid).status_code == 403
    assert get(client, partner[1], "simulation", grappe.uid, simulation.uid).status_code == 403
    assert not selectors.grappes_of(partner[0]).exists()


def test_an_invitee_reads_the_grappe_but_not_its_documents_and_does_not_simulate(
    client, carrier, partner
):
    grappe, _ = grappe_with_invitee(carrier, partner)
    page = get(client, partner[1], "detail", grappe.uid)
    assert page.status_code == 200 and "Simuler le financement" not in text(page)
    assert "Convention de coopération" not in text(page)
    simulation = grappe.simulations.get()
    assert get(client, partner[1], "simulation", grappe.uid, simulation.uid).status_code == 403
    assert client.post(reverse("grappes:simulate", args=[grappe.uid])).status_code == 403
    assert grappe.simulations.count() == 1
    assert list(selectors.grappes_of(partner[0])) == [grappe]


def test_regional_actors_of_the_region_read_but_do_not_simulate_or_steer(client, carrier):
    grappe = services.create_grappe(carrier[1], carrier[0], "Grappe", "generalisation", 2024)
    services.simulate_funding(carrier[1], grappe)
    actor = regional_actor("84")
    simulation = grappe.simulations.get()
    page = get(client, actor, "detail", grappe.uid)
    assert page.status_code == 200 and "Simuler le financement" not in text(page)
    assert get(client, actor, "simulation", grappe.uid, simulation.uid).status_code == 200
    assert client.post(reverse("grappes:simulate", args=[grappe.uid])).status_code == 403
    status = client.post(reverse("grappes:status", args=[grappe.uid]), {"etat": "submitted"})
    assert status.status_code == 403 and grappe.simulations.count() == 1
    assert get(client, regional_actor("11"), "detail", grappe.uid).status_code == 403


def test_the_invited_carrier_of_a_suggested_grappe_does_not_steer_it(carrier, partner):
    grappe = services.create_suggested_grappe(
        regional_actor("84"), [carrier[0], partner[0]], 2024, "generalisation"
    )
    assert grappe.carrier == carrier[0]
    with pytest.raises(PermissionDenied):
        services.change_status(carrier[1], grappe, Grappe.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.invite_member(carrier[1], grappe, partner[0])
    with pytest.raises(PermissionDenied):
        services.simulate_funding(carrier[1], grappe)
    member = grappe.members.get(managing_body=carrier[0])
    services.answer_invitation(carrier[1], member, accept=True)
    services.invite_member(carrier[1], grappe, partner[0])  # an active carrier steers
