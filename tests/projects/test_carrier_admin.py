"""The project's carrier administrator is the grappes' one (``grappes.perms.is_carrier_admin``):
an administrator of the carrier while the carrier is an active member of the grappe. A
national administrator is not one; a carrier that left its grappe administers nothing more."""

import pytest
from django.urls import reverse

from mutualis.grappes import perms as grappe_perms
from mutualis.grappes.models import GrappeMember
from mutualis.projects import perms
from tests.projects.factories import GrappeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(setup):
    return setup.open()


def test_the_projects_use_the_grappes_notion():
    assert perms.is_carrier_admin is grappe_perms.is_carrier_admin


def test_a_national_administrator_is_not_the_carrier(setup, project, national):
    assert not grappe_perms.is_carrier_admin(national, setup.grappe)
    assert grappe_perms.can_steer(national, setup.grappe)  # steers the grappe, though
    assert not perms.can_open_project(national, setup.grappe)
    assert not perms.can_admin_project(national, project)


def test_a_carrier_that_left_administers_nothing_more(client, setup, project):
    assert perms.can_admin_project(setup.carrier_admin, project)
    GrappeMember.objects.filter(pk=setup.carrier_member.pk).update(status=GrappeMember.Status.LEFT)

    assert not perms.can_admin_project(setup.carrier_admin, project)
    client.force_login(setup.carrier_admin)
    response = client.post(reverse("projects:tranches_import", args=[project.uid]))
    assert response.status_code == 403


def test_the_factory_makes_the_carrier_an_active_member():
    grappe = GrappeFactory()

    member = grappe.members.get(managing_body=grappe.carrier)
    assert member.status == GrappeMember.Status.ACTIVE
