import pytest

from mutualis.directory.reference import load_solutions
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.territories.loaders import load_territories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (territories, nomenclatures, DUI solutions), loaded once per test run."""
    with django_db_blocker.unblock():
        load_territories()
        load_nomenclatures()
        load_solutions()
