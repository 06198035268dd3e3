"""Requirements the members add: coded M-01, M-02… after the last item; only those can be
removed."""

import pytest
from django.core.exceptions import ValidationError

from mutualis.core.models import AuditLog
from mutualis.specifications import rating_services
from mutualis.specifications.models import Rating
from mutualis.specifications.rating_services import next_own_code
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import rate


@pytest.fixture
def world(db):
    g = group()
    return g, specification(g)


def test_codes_follow_the_highest_own_code():
    assert next_own_code([]) == "M-01"
    assert next_own_code(["DUI-01", "M-01", "M-09"]) == "M-10"
    assert next_own_code(["M-100"]) == "M-101"


def test_a_member_adds_requirements_after_the_last(world):
    g, spec = world
    last = spec.items.order_by("-position").first().position
    first = rating_services.add_item(
        g.admins[1], spec, g.bodies[1], "Exigences propres au groupement", " Astreinte ", ""
    )
    second = rating_services.add_item(
        g.admins[2], spec, g.bodies[2], "Dossier de l'usager", "Photo de l'usager", "Sur tablette"
    )
    assert (first.code, first.position, first.label) == ("M-01", last + 1, "Astreinte")
    assert (second.code, second.position) == ("M-02", last + 2)
    assert second.proposed_by == g.bodies[2]
    assert second.requirement is None
    assert AuditLog.objects.filter(action="specifications.add_item").count() == 2


def test_removing_an_own_item_removes_its_ratings(world):
    g, spec = world
    item = rating_services.add_item(g.admins[1], spec, g.bodies[1], "Autre", "Astreinte")
    rate(spec, g, 0, M_01="utile")
    rating_services.remove_item(g.admins[1], item)
    assert not spec.items.filter(code="M-01").exists()
    assert not Rating.objects.exists()
    assert AuditLog.objects.filter(action="specifications.remove_item").count() == 1


def test_a_library_requirement_cannot_be_removed(world):
    g, spec = world
    item = spec.items.get(code="DUI-01")
    with pytest.raises(ValidationError, match="ajoutées par un membre"):
        rating_services.remove_item(g.carrier_admin, item)
    assert spec.items.filter(code="DUI-01").exists()


def test_a_code_taken_meanwhile_is_retried(world, monkeypatch):
    g, spec = world
    rating_services.add_item(g.admins[1], spec, g.bodies[1], "Autre", "Astreinte")
    real = rating_services.next_own_code
    calls = []

    def stale(codes):  # the first read misses M-01, as a concurrent add would
        calls.append(codes)
        return "M-01" if len(calls) == 1 else real(codes)

    monkeypatch.setattr(rating_services, "next_own_code", stale)
    item = rating_services.add_item(g.admins[2], spec, g.bodies[2], "Autre", "Photo")
    assert item.code == "M-02" and len(calls) == 2
    assert spec.items.filter(code__startswith="M-").count() == 2
