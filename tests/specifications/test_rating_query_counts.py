"""The rating and convergence pages stay at a bounded number of queries whatever the number
of items and members (40 items x 10 members)."""

import pytest
from django.urls import reverse

from mutualis.grappes.models import GrappeMember
from mutualis.specifications.models import Importance, Rating
from tests.projects.factories import GrappeMemberFactory
from tests.specifications.factories import body_with_admin, group, specification

LEVELS = Importance.values


@pytest.fixture
def big(db):
    g = group()
    for n in range(7):
        body, _ = body_with_admin(f"Membre {n}")
        GrappeMemberFactory(grappe=g.grappe, managing_body=body, status=GrappeMember.Status.ACTIVE)
    spec = specification(g)
    bodies = [m.managing_body for m in g.grappe.members.filter(status="active")]
    items = list(spec.items.all())
    assert len(bodies) == 10 and len(items) >= 40
    Rating.objects.bulk_create(
        Rating(item=item, managing_body=body, importance=LEVELS[(i + j) % 4])
        for i, item in enumerate(items)
        for j, body in enumerate(bodies)
    )
    return g, spec


@pytest.mark.parametrize("name", ["rate", "convergence", "detail"])
def test_pages_are_bounded(client, big, name, django_assert_max_num_queries):
    g, spec = big
    client.force_login(g.carrier_admin)
    url = reverse(f"specifications:{name}", args=[spec.uid])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


def test_saving_forty_ratings_is_bounded(client, big, django_assert_max_num_queries):
    g, spec = big
    client.force_login(g.admins[1])
    data = {f"i{pk}": "utile" for pk in spec.items.values_list("pk", flat=True)}
    with django_assert_max_num_queries(20):
        response = client.post(reverse("specifications:rate", args=[spec.uid]), data)
    assert response.status_code == 302
    assert set(
        Rating.objects.filter(managing_body=g.bodies[1]).values_list("importance", flat=True)
    ) == {"utile"}
