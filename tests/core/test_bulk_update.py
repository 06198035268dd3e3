"""core.bulk.update sets the given columns of the given rows, and nothing else."""

import pytest

from mutualis.core import bulk
from mutualis.directory.models import ManagingBody
from tests.factories import ManagingBodyFactory


@pytest.mark.django_db
def test_only_the_given_rows_and_columns_change():
    first, second, untouched = ManagingBodyFactory.create_batch(3)
    changed = bulk.update(
        ManagingBody,
        [
            {"id": first.pk, "main_city": "Lyon", "main_departement_id": "69"},
            {"id": second.pk, "main_city": "Agen", "main_departement_id": None},
        ],
        ["main_city", "main_departement_id"],
    )
    assert changed == 2
    rows = ManagingBody.objects.order_by("pk").values_list("main_city", "main_departement_id")
    assert list(rows) == [("Lyon", "69"), ("Agen", None), ("", None)]
    untouched.refresh_from_db()
    assert untouched.name.startswith("Association") and first.name != ""
    assert bulk.update(ManagingBody, [], ["main_city"]) == 0
