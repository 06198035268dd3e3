"""The actor: a user's memberships, national and regional roles, read once and cached on the
user object; the permission predicates read it without a query; changes drop it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from mutualis.accounts import services
from mutualis.accounts.actor import ANONYMOUS, actor_of, forget
from mutualis.accounts.middleware import CurrentOrganisationMiddleware
from mutualis.accounts.models import Membership, MembershipRole, ScopedRole
from mutualis.accounts.perms import (
    is_managing_body_admin,
    is_member,
    is_national_admin,
    region_codes,
)
from mutualis.directory.perms import can_edit_managing_body
from tests.factories import ManagingBodyFactory, MembershipFactory, UserFactory, national_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(body):
    """Administrator of ``body``, simple member of another body, regional actor of two
    régions."""
    user = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    MembershipFactory(user=user, managing_body=ManagingBodyFactory(name="Autre"))
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL).regions.set(["84", "93"])
    forget(user)
    return user


def test_the_actor_holds_memberships_roles_and_regions(admin, body):
    other = admin.memberships.exclude(managing_body=body).get().managing_body_id

    actor = actor_of(admin)

    assert actor.user_id == admin.pk
    assert dict(actor.memberships) == {body.pk: MembershipRole.ADMIN, other: MembershipRole.MEMBER}
    assert actor.body_ids == {body.pk, other}
    assert actor.admin_body_ids == {body.pk}
    assert actor.region_codes == {"84", "93"}
    assert actor.is_national_admin is False
    assert [m.managing_body.display_name for m in actor.organisations] == [
        "Association Les Tilleuls",
        "Autre",
    ]


def test_national_administrators_and_superusers(db):
    assert actor_of(national_admin()).is_national_admin is True
    assert actor_of(UserFactory(is_superuser=True)).is_national_admin is True
    assert actor_of(UserFactory()).is_national_admin is False


def test_anonymous_users_and_none_are_the_anonymous_actor(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert actor_of(AnonymousUser()) is ANONYMOUS
        assert actor_of(None) is ANONYMOUS
    assert ANONYMOUS.memberships == {} and ANONYMOUS.region_codes == frozenset()


def test_read_once_then_every_predicate_answers_without_a_query(
    admin, body, django_assert_num_queries
):
    with django_assert_num_queries(2):  # memberships, then scoped roles
        actor_of(admin)
    with django_assert_num_queries(0):
        assert actor_of(admin) is actor_of(admin)
        assert is_member(admin, body.pk)
        assert is_managing_body_admin(admin, body.pk)
        assert not is_member(admin, body.pk + 1000)
        assert not is_national_admin(admin)
        assert region_codes(admin) == {"84", "93"}
        assert can_edit_managing_body(admin, body)


def test_a_membership_created_or_deleted_for_the_user_object_drops_its_actor(admin):
    newcomer = ManagingBodyFactory()
    assert not is_member(admin, newcomer.pk)

    membership = MembershipFactory(user=admin, managing_body=newcomer)
    assert is_member(admin, newcomer.pk)

    membership.delete()
    assert not is_member(admin, newcomer.pk)


def test_a_change_of_regions_drops_the_actor(admin):
    role = admin.scoped_roles.get()  # holds the user object
    assert "11" not in region_codes(admin)

    role.regions.add("11")

    assert "11" in region_codes(admin)


def test_an_administrator_who_steps_down_through_the_service_is_one_no_more(admin, body):
    MembershipFactory(managing_body=body, role=MembershipRole.ADMIN)  # keeps an administrator
    own = Membership.objects.get(user=admin, managing_body=body)
    assert is_managing_body_admin(admin, body.pk)

    services.change_member_role(admin, own, MembershipRole.MEMBER)

    assert not is_managing_body_admin(admin, body.pk)
    assert is_member(admin, body.pk)


def test_a_member_who_leaves_through_the_service_is_one_no_more(admin, body):
    own = Membership.objects.get(user=admin, managing_body=body)
    MembershipFactory(managing_body=body, role=MembershipRole.ADMIN)

    services.remove_member(admin, own)

    assert not is_member(admin, body.pk)


def test_a_fresh_user_object_reads_a_fresh_actor(admin, body):
    actor_of(admin)
    Membership.objects.filter(user=admin).delete()  # no signal carries this user object

    assert is_member(admin, body.pk)  # the cached actor lives as long as its object…
    again = type(admin).objects.get(pk=admin.pk)
    assert not is_member(again, body.pk)  # …the next request loads a new one


def test_the_middleware_reads_the_actor_once_per_request(admin, body, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user, request.session = admin, {}
    seen = {}

    def view(request):
        seen["actor"] = request.actor
        seen["membership"] = request.current_membership
        return None

    with django_assert_num_queries(2):
        CurrentOrganisationMiddleware(view)(request)
        assert is_managing_body_admin(request.user, body.pk)

    assert seen["actor"].user_id == admin.pk
    assert seen["membership"].managing_body == body
