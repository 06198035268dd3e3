"""A member's ratings: saved in bulk, partial allowed, pre-filled ones confirmed on save."""

import pytest
from django.core.exceptions import ValidationError

from mutualis.core.models import AuditLog
from mutualis.specifications import rating_services
from mutualis.specifications.models import Rating, Specification
from mutualis.specifications.rating_services import Entry
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import rate


@pytest.fixture
def world(db):
    g = group()
    return g, specification(g)


def test_a_member_saves_a_partial_rating_and_changes_it(world):
    g, spec = world
    assert rate(spec, g, 1, DUI_01="indispensable", DUI_02="utile") == 2
    ratings = Rating.objects.filter(managing_body=g.bodies[1])
    assert dict(ratings.values_list("item__code", "importance")) == {
        "DUI-01": "indispensable",
        "DUI-02": "utile",
    }
    assert set(ratings.values_list("origin", flat=True)) == {Rating.Origin.MEMBER}
    # Saving again: only what changed is written.
    assert rate(spec, g, 1, DUI_01="indispensable", DUI_02="souhaite") == 1
    assert ratings.get(item__code="DUI-02").importance == "souhaite"
    assert AuditLog.objects.filter(action="specifications.rate").count() == 2


def test_unrated_entries_leave_existing_ratings_alone(world):
    g, spec = world
    rate(spec, g, 2, DUI_01="utile")
    item = spec.items.get(code="DUI-01")
    rating_services.save_ratings(g.admins[2], spec, g.bodies[2], [Entry(item.pk, None)])
    assert Rating.objects.get(managing_body=g.bodies[2]).importance == "utile"


def test_saving_confirms_a_prefilled_rating(world):
    g, spec = world
    item = spec.items.get(code="DUI-01")
    Rating.objects.create(
        item=item, managing_body=g.bodies[0], importance="souhaite", origin=Rating.Origin.SURVEY
    )
    assert rate(spec, g, 0, DUI_01="souhaite") == 1
    rating = Rating.objects.get(item=item, managing_body=g.bodies[0])
    assert (rating.importance, rating.origin) == ("souhaite", Rating.Origin.MEMBER)
    assert rating.rated_by == g.admins[0]


def test_an_item_of_another_specification_is_refused(world):
    g, spec = world
    other = specification(g, title="Autre achat")
    foreign = other.items.first()
    with pytest.raises(ValidationError):
        rating_services.save_ratings(g.admins[0], spec, g.bodies[0], [Entry(foreign.pk, "utile")])
    assert not Rating.objects.exists()


def test_nothing_is_rated_once_decided(world):
    g, spec = world
    Specification.objects.filter(pk=spec.pk).update(status=Specification.Status.DECIDED)
    spec.refresh_from_db()
    with pytest.raises(ValidationError, match="décision est prise"):
        rate(spec, g, 0, DUI_01="utile")
