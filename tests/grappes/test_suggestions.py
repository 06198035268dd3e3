"""Regional actors see suggested grappes for their région and propose one to its members."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import ScopedRole
from mutualis.grappes.models import Grappe, GrappeMember
from tests.factories import UserFactory
from tests.grappes.conftest import body_with
from tests.pages import words

pytestmark = pytest.mark.django_db
URL = reverse("grappes:suggestions")


def regional(region="84"):
    user = UserFactory()
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL).regions.set([region])
    return user


@pytest.fixture
def open_bodies(db):
    bodies = [body_with(n, f"Organisme {n}")[0] for n in (9, 5, 3, 2)]
    for body in bodies:
        body.open_to_cooperation = True
        body.save()
    return bodies


def test_suggested_grappes_of_the_region(client, open_bodies):
    client.force_login(regional())
    shell = words(client.get(URL, {"region": "84"}))
    assert "Calcul des grappes suggérées en cours" in shell  # then loaded by htmx
    page = words(client.get(URL, {"region": "84"}, headers={"HX-Request": "true"}))
    assert "Grappe 1 : 19 ESSMS, 4 organismes" in page
    assert "4 organismes en" in page
    without_javascript = words(client.get(URL, {"region": "84", "calcul": "1"}))
    assert "Grappe 1 : 19 ESSMS" in without_javascript


def test_proposing_creates_a_draft_with_every_member_invited(client, open_bodies):
    user = regional()
    client.force_login(user)
    response = client.post(
        reverse("grappes:propose"), {"organismes": [b.pk for b in open_bodies]}, follow=True
    )
    grappe = Grappe.objects.get()
    assert grappe.carrier.name == "Organisme 9" and grappe.status == Grappe.Status.DRAFT
    assert set(grappe.members.values_list("status", flat=True)) == {GrappeMember.Status.INVITED}
    assert "Grappe proposée" in words(response)  # and the regional actor sees it


def test_reserved_to_the_region_s_actors(client, open_bodies):
    client.force_login(regional("11"))
    assert client.get(URL, {"region": "84"}).status_code == 403
    response = client.post(reverse("grappes:propose"), {"organismes": [open_bodies[0].pk]})
    assert response.status_code == 403
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
