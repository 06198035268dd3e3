import pytest
from django.core.cache import cache

from mutualis.directory.reference import load_solutions
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.grappes.reference import load_programme_rules
from mutualis.initiatives.reference import load_initiative_types
from mutualis.library.reference import load_cooperation_tags
from mutualis.maturity.referential import load_shipped_referentials
from mutualis.sharing.reference import load_skills, load_vehicles
from mutualis.specifications.requirements import load_shipped_libraries
from mutualis.territories.loaders import load_territories
from mutualis.territories.models import Departement
from mutualis.workshops.reference import load_levers


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (territories, nomenclatures, DUI solutions, maturity referential,
    programme rules), loaded once per test run."""
    with django_db_blocker.unblock():
        load_reference_data()


def load_reference_data() -> None:
    load_territories()
    load_nomenclatures()
    load_solutions()
    load_shipped_referentials()
    load_programme_rules()
    load_initiative_types()
    load_cooperation_tags()
    load_levers()
    load_vehicles()
    load_skills()
    load_shipped_libraries()


@pytest.fixture
def reloaded_reference_data(transactional_db):
    """For transactional tests: an earlier one flushed the database, reference data with it."""
    if not Departement.objects.exists():
        load_reference_data()


@pytest.fixture(autouse=True)
def tasks_run_inline(settings):
    """Background tasks run inline, when enqueued (on commit: see
    ``django_capture_on_commit_callbacks(execute=True)``)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """An in-memory cache per test process, emptied before each test."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
