"""An assessment shared with a grappe is read by its own managing body, the grappe's active
members and the regional actors of the grappe's régions only."""

import pytest
from django.urls import reverse

from mutualis.grappes import services
from mutualis.grappes.models import GrappeEstablishment, GrappeMember
from tests.factories import EstablishmentFactory, national_admin, regional_actor
from tests.grappes.conftest import body_with, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def carrier(db):
    return body_with(10, "Association Porteuse")


@pytest.fixture
def partner(db):
    return body_with(6, "Fondation Partenaire")


@pytest.fixture
def shared(carrier, partner):
    """The partner's submitted assessment shared with the carrier's grappe."""
    grappe = services.create_grappe(carrier[1], carrier[0], "Grappe", "generalisation", 2024)
    member = services.invite_member(carrier[1], grappe, partner[0])
    services.answer_invitation(partner[1], member, accept=True)
    return services.share_assessment(partner[1], grappe, submitted(partner[1], partner[0]))


def status(client, user, share) -> int:
    client.force_login(user)
    return client.get(reverse("grappes:shared", args=[share.grappe.uid, share.pk])).status_code


def join(grappe, status_: str):
    body, admin = body_with(1, "Association Voisine")
    GrappeMember.objects.create(grappe=grappe, managing_body=body, status=status_)
    return admin


def test_the_grappe_and_its_regional_actors_read_it(client, carrier, partner, shared):
    for reader in (carrier[1], partner[1], regional_actor("84")):
        assert status(client, reader, shared) == 200


@pytest.mark.parametrize(
    "status_",
    [GrappeMember.Status.INVITED, GrappeMember.Status.DECLINED, GrappeMember.Status.LEFT],
)
def test_organisations_not_active_in_the_grappe_do_not_read_it(client, shared, status_):
    assert status(client, join(shared.grappe, status_), shared) == 403


def test_other_regions_and_national_administrators_do_not_read_it(client, shared):
    assert status(client, regional_actor("11"), shared) == 403
    assert status(client, national_admin(), shared) == 403


def test_the_region_of_a_members_essms_is_a_region_of_the_grappe(client, partner, shared):
    parisian = EstablishmentFactory(
        managing_body=partner[0],
        region_id="11",
        departement_id="75",
        commune_id="75056",
        postal_code="75001",
    )
    actor = regional_actor("11")
    assert status(client, actor, shared) == 403  # the grappe's ESSMS are all in 84 ...
    member = shared.grappe.members.get(managing_body=partner[0])  # ... until this one joins
    GrappeEstablishment.objects.create(grappe=shared.grappe, member=member, establishment=parisian)
    assert status(client, actor, shared) == 200
