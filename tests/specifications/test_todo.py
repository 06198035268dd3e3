""" "À traiter" lists the requirements a member organisation has still to rate."""

import datetime

import pytest

from mutualis.portal.todo import pending
from mutualis.specifications import offer_services
from mutualis.specifications.models import Rating
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import rate

pytestmark = pytest.mark.django_db


def texts(user, body) -> list[str]:
    return [todo.text for todo in pending(user, body, datetime.date.today())]


def test_each_member_sees_what_it_has_left_to_rate_until_the_decision():
    members = group()
    spec = specification(members)
    total = spec.items.count()
    assert f"{total} exigences à noter dans « DUI commun 2027 »" in texts(
        members.admins[1], members.bodies[1]
    )

    rate(spec, members, 1, **{"DUI-01": "indispensable", "INS-01": "utile"})
    assert f"{total - 2} exigences à noter dans « DUI commun 2027 »" in texts(
        members.admins[1], members.bodies[1]
    )
    first = spec.items.order_by("position").first()
    Rating.objects.filter(item=first, managing_body=members.bodies[1]).update(
        origin=Rating.Origin.MATURITY
    )  # a pre-filled rating counts until the member confirms it
    assert f"{total - 1} exigences à noter dans « DUI commun 2027 »" in texts(
        members.admins[1], members.bodies[1]
    )

    offer = offer_services.save_offer(
        members.carrier_admin, spec, offer_services.OfferData(vendor="Éditeur")
    )
    offer_services.decide(members.carrier_admin, spec, offer, "Seule offre reçue")
    assert not [t for t in texts(members.admins[1], members.bodies[1]) if "à noter" in t]


def test_an_organisation_outside_the_grappe_has_nothing_to_rate():
    members = group()
    specification(members)
    outsider = group(region="11", departement="75")
    assert not [t for t in texts(outsider.admins[1], outsider.bodies[1]) if "à noter" in t]
