"""Demonstration initiatives: every type, published, between real managing bodies."""

import pytest

from mutualis.initiatives.demo import INITIATIVES, seed_demo_initiatives
from mutualis.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_demo_initiatives_are_published_and_idempotent(bodies):
    assert seed_demo_initiatives() == 2 * len(INITIATIVES)
    published = Initiative.objects.filter(is_demo=True, moderation="published")
    assert published.count() == 2 * len(INITIATIVES)
    assert all(i.title.startswith("[Démonstration]") for i in published)
    assert published.filter(managing_bodies__isnull=False).exists()
    assert seed_demo_initiatives() == 0
