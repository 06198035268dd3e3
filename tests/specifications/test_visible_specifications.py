"""Which specifications the home page lists: the selector follows perms.can_view."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from mutualis.specifications import perms
from mutualis.specifications.models import Specification
from mutualis.specifications.selectors import visible_specifications
from tests.factories import national_admin, regional_actor
from tests.specifications.factories import body_with_admin, group, specification


@pytest.mark.django_db
def test_the_selector_agrees_with_the_permission():
    first, second = group(), group(region="11", departement="75")
    mine, theirs = specification(first), specification(second, title="Autre")
    Specification.objects.filter(pk=theirs.pk).update(published_at=timezone.now())
    theirs.refresh_from_db()
    _, outsider = body_with_admin("Autre", region="11", departement="75")
    users = [
        first.admins[1],
        second.carrier_admin,
        regional_actor("84"),
        regional_actor("11"),
        national_admin(),
        outsider,
    ]
    for user in users:
        expected = {s.pk for s in (mine, theirs) if perms.can_view(user, s)}
        assert set(visible_specifications(user).values_list("pk", flat=True)) == expected
    assert set(visible_specifications(first.admins[1]).values_list("pk", flat=True)) == {mine.pk}
    assert visible_specifications(regional_actor("11")).get() == theirs
    assert visible_specifications(national_admin()).count() == 2
    assert list(visible_specifications(AnonymousUser())) == [theirs]
