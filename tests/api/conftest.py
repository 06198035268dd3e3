import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The anonymous rate limit counts in the cache: start every test from zero."""
    cache.clear()
    yield
    cache.clear()
