"""Builders of shared-resource listings and requests."""

import datetime

import factory
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.sharing.models import Listing, SharingRequest, Skill
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory


def today() -> datetime.date:
    return timezone.localdate()


def body_with_admin(name: str = "Association Les Tilleuls", region="84", departement="01", **kw):
    """A body with one open ESSMS in ``region`` and its administrator."""
    body = ManagingBodyFactory(name=name, departement_id=departement)
    EstablishmentFactory(managing_body=body, region_id=region, departement_id=departement, **kw)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    return body, admin


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    direction = Listing.Direction.OFFER
    managing_body = factory.SubFactory(ManagingBodyFactory)
    establishment = factory.LazyAttribute(lambda o: o.managing_body.establishments.first())
    skill = factory.LazyFunction(lambda: Skill.objects.get(code="dpo"))
    title = "DPO 2 jours par mois"
    days_per_month = 2
    starts_on = factory.LazyFunction(today)
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=365))
    visibility = Listing.Visibility.EVERYONE
    region_id = "84"


class SharingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharingRequest

    listing = factory.SubFactory(ListingFactory)
    requester = factory.SubFactory(ManagingBodyFactory)
    message = "Bonjour"
