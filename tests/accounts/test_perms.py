"""The pure permission predicates of accounts and of the directory."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mutualis.accounts.models import MembershipRole, ScopedRole
from mutualis.accounts.perms import (
    is_managing_body_admin,
    is_member,
    is_national_admin,
    region_codes,
)
from mutualis.directory.perms import can_edit_it_profile, can_edit_managing_body
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    UserFactory,
    national_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def establishment():
    return EstablishmentFactory()


@pytest.fixture
def body(establishment):
    return establishment.managing_body


@pytest.fixture
def other_establishment():
    return EstablishmentFactory()


def regional(*codes: str):
    user = UserFactory()
    role = ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL)
    role.regions.set(codes)
    return user


def test_anonymous_may_do_nothing(body, establishment):
    anonymous = AnonymousUser()

    assert is_national_admin(anonymous) is False
    assert region_codes(anonymous) == set()
    assert is_member(anonymous, body.pk) is False
    assert is_managing_body_admin(anonymous, body.pk) is False
    assert can_edit_it_profile(anonymous, establishment) is False
    assert can_edit_managing_body(anonymous, body) is False


def test_none_is_treated_as_anonymous(body):
    assert is_national_admin(None) is False
    assert region_codes(None) == set()
    assert is_member(None, body.pk) is False
    assert is_managing_body_admin(None, body.pk) is False


def test_a_user_without_membership(body, establishment):
    user = UserFactory()

    assert is_member(user, body.pk) is False
    assert is_managing_body_admin(user, body.pk) is False
    assert can_edit_it_profile(user, establishment) is False
    assert can_edit_managing_body(user, body) is False
    assert is_national_admin(user) is False
    assert region_codes(user) == set()


def test_a_member_edits_the_it_profiles_of_their_body_only(
    body, establishment, other_establishment
):
    user = MembershipFactory(managing_body=body, role=MembershipRole.MEMBER).user

    assert is_member(user, body.pk) is True
    assert is_member(user, other_establishment.managing_body_id) is False
    assert can_edit_it_profile(user, establishment) is True
    assert can_edit_it_profile(user, other_establishment) is False
    assert is_managing_body_admin(user, body.pk) is False
    assert can_edit_managing_body(user, body) is False


def test_an_admin_administers_their_body_only(body, establishment, other_establishment):
    user = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    other_body = other_establishment.managing_body

    assert is_member(user, body.pk) is True
    assert is_managing_body_admin(user, body.pk) is True
    assert can_edit_managing_body(user, body) is True
    assert can_edit_it_profile(user, establishment) is True
    assert is_managing_body_admin(user, other_body.pk) is False
    assert can_edit_managing_body(user, other_body) is False
    assert can_edit_it_profile(user, other_establishment) is False
    assert is_national_admin(user) is False


def test_membership_of_one_body_says_nothing_of_another():
    first, second = ManagingBodyFactory(), ManagingBodyFactory()
    user = MembershipFactory(managing_body=first, role=MembershipRole.ADMIN).user
    MembershipFactory(user=user, managing_body=second, role=MembershipRole.MEMBER)

    assert is_managing_body_admin(user, first.pk) is True
    assert is_managing_body_admin(user, second.pk) is False
    assert is_member(user, second.pk) is True


def test_a_national_admin_may_edit_everything_without_being_a_member(body, establishment):
    user = national_admin()

    assert is_national_admin(user) is True
    assert is_member(user, body.pk) is False
    assert is_managing_body_admin(user, body.pk) is True
    assert can_edit_managing_body(user, body) is True
    assert can_edit_it_profile(user, establishment) is True
    assert region_codes(user) == set()


def test_a_superuser_is_a_national_admin(body, establishment):
    user = UserFactory(is_superuser=True)

    assert is_national_admin(user) is True
    assert can_edit_managing_body(user, body) is True
    assert can_edit_it_profile(user, establishment) is True


def test_region_codes_of_a_regional_role(body, establishment):
    user = regional("84", "11")

    assert region_codes(user) == {"84", "11"}
    assert is_national_admin(user) is False
    # A regional role oversees, it does not edit the directory.
    assert can_edit_it_profile(user, establishment) is False
    assert can_edit_managing_body(user, body) is False


def test_region_codes_merge_several_roles_and_ignore_empty_ones():
    user = regional("84")
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL).regions.set(["93"])
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL)

    assert region_codes(user) == {"84", "93"}


def test_a_regional_role_without_region_gives_no_code():
    user = regional()

    assert region_codes(user) == set()


def test_regions_of_a_national_role_are_not_regional_codes():
    user = UserFactory()
    role = ScopedRole.objects.create(user=user, role=ScopedRole.Role.NATIONAL_ADMIN)
    role.regions.set(["84"])

    assert region_codes(user) == set()
    assert is_national_admin(user) is True
