"""Factories shared by the test modules."""

import datetime

import factory

from mutualis.accounts.models import Membership, MembershipRole, ScopedRole, User
from mutualis.directory import names
from mutualis.directory.models import Establishment, ManagingBody, SegurStatus, Solution
from mutualis.directory.search_names import establishment_search_name

PASSWORD = "un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = "Camille"
    last_name = "Martin"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def _name_facts(o) -> names.NameFacts:
    return names.NameFacts(
        finess=o.finess,
        name=o.name,
        name_is_placeholder=o.name_is_placeholder,
        usual_name=o.usual_name,
        establishment_count=o.establishment_count,
        seat_city=o.city,
        seat_departement=o.departement_id if o.city else "",
    )


class ManagingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagingBody

    finess = factory.Sequence(lambda n: f"01{n:07d}")
    name = factory.Sequence(lambda n: f"Association Les Tilleuls {n}")
    name_is_placeholder = False
    usual_name = ""
    establishment_count = 0
    city = ""
    departement_id = "01"
    # What refresh_names() stores after an import, from the same functions.
    display_name = factory.LazyAttribute(lambda o: names.display_name(_name_facts(o)))
    search_name = factory.LazyAttribute(lambda o: names.search_text(_name_facts(o)))


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    finess = factory.Sequence(lambda n: f"01{n + 5000000:07d}")
    managing_body = factory.SubFactory(ManagingBodyFactory)
    name = factory.Sequence(lambda n: f"EHPAD Les Érables {n}")
    long_name = ""
    search_name = factory.LazyAttribute(
        lambda o: establishment_search_name(o.name, o.long_name, o.city)
    )
    category_id = "500"
    postal_code = "01000"
    city = "BOURG EN BRESSE"
    commune_id = "01053"
    departement_id = "01"
    region_id = "84"
    latitude = 46.2052
    longitude = 5.2255


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    managing_body = factory.SubFactory(ManagingBodyFactory)
    role = MembershipRole.MEMBER


def national_admin() -> User:
    user = UserFactory()
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.NATIONAL_ADMIN)
    return user


def regional_actor(region: str = "84") -> User:
    user = UserFactory()
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL).regions.set([region])
    return user


def checked_segur(solution: Solution, status: str = SegurStatus.REFERENCED) -> Solution:
    """``solution`` with a Ségur referencing checked in a test (dated, with its source)."""
    solution.segur_status = status
    solution.segur_checked_on = datetime.date(2026, 12, 1)
    solution.segur_source = "Vérification fictive des tests"
    solution.save()
    return solution
