import pytest

from mutualis.directory.reference import load_solutions
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.maturity.referential import load_shipped_referentials
from mutualis.territories.loaders import load_territories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (territories, nomenclatures, DUI solutions, maturity referential),
    loaded once per test run."""
    with django_db_blocker.unblock():
        load_territories()
        load_nomenclatures()
        load_solutions()
        load_shipped_referentials()
