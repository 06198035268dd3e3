"""Hostile input on every form of the rating stage: form errors, never a server error, and
nothing written."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.specifications.models import Rating
from tests.specifications.factories import group, specification

HOSTILE = ["٣", "²", "9" * 40, "\x00", "x" * 20000, "<script>alert(1)</script>", "../../etc", ""]


@pytest.fixture
def world(db):
    g = group()
    return g, specification(g)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_never_break_the_forms(client, world, value):
    g, spec = world
    item = spec.items.get(code="DUI-01")
    client.force_login(g.carrier_admin)
    uid = spec.uid
    posts = [
        (reverse("specifications:rate", args=[uid]), {f"i{item.pk}": value, f"c{item.pk}": value}),
        (reverse("specifications:rate", args=[uid]), {f"i{item.pk}": "utile", "organisme": value}),
        (reverse("specifications:add_item", args=[uid]), {"domain": value, "label": value}),
        (reverse("specifications:arbitrate", args=[uid, "DUI-01"]), {"importance": value}),
        (reverse("specifications:start", args=[g.grappe.uid]), {"title": value, "purpose": value}),
    ]
    writes = AuditLog.objects.exclude(action="specifications.start")  # any title is a title
    before = writes.count()
    if value == "":
        del posts[1]  # no organisme: the default one, a valid rating
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)
    response = client.get(reverse("specifications:convergence", args=[uid]), {"filtre": value})
    assert response.status_code == 200
    response = client.get(reverse("specifications:rate", args=[uid]), {"organisme": value})
    assert response.status_code in (200, 404)
    assert writes.count() == before
    assert not Rating.objects.exists()
