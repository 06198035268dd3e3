"""A lookup with a value beyond an integer column's range (``in``, or through a foreign key)
matches nothing instead of overflowing SQLite's driver (OverflowError)."""

import pytest

from mutualis.accounts.models import Membership
from mutualis.directory.models import ManagingBody
from tests.factories import ManagingBodyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

HUGE = 2**70


def test_out_of_range_values_in_a_list_match_nothing_and_the_others_still_match():
    body = ManagingBodyFactory()

    assert list(ManagingBody.objects.filter(pk__in=[HUGE, body.pk])) == [body]
    assert list(ManagingBody.objects.filter(pk__in=[HUGE, -HUGE])) == []


def test_out_of_range_values_through_a_foreign_key_match_nothing():
    membership = MembershipFactory()

    assert not Membership.objects.filter(managing_body_id=HUGE).exists()
    assert not Membership.objects.filter(managing_body=HUGE).exists()
    listed = Membership.objects.filter(managing_body__in=[HUGE, membership.managing_body_id])
    assert list(listed) == [membership]
