"""core.bulk.foreign_keys_checked_at_end: same constraints after the block, still enforced."""

import pytest
from django.db import IntegrityError, connection, transaction

from mutualis.core import bulk
from mutualis.directory.models import Establishment
from tests.factories import EstablishmentFactory


def foreign_key_names() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Establishment._meta.db_table)
    return {name for name, info in constraints.items() if info["foreign_key"]}


@pytest.mark.django_db
def test_keys_are_recreated_with_their_names():
    before = foreign_key_names()
    with transaction.atomic(), bulk.foreign_keys_checked_at_end(Establishment):
        EstablishmentFactory()
    assert foreign_key_names() == before
    assert Establishment.objects.count() == 1


@pytest.mark.django_db
def test_a_dangling_reference_fails_the_load():
    if connection.vendor != "postgresql":
        pytest.skip("a no-op elsewhere: SQLite checks its keys at commit")
    establishment = EstablishmentFactory()
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        bulk.foreign_keys_checked_at_end(Establishment),
    ):
        Establishment.objects.filter(pk=establishment.pk).update(category_id="999")
    assert Establishment.objects.get(pk=establishment.pk).category_id != "999"
    assert foreign_key_names()
