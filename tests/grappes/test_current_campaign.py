"""Forms, partners and suggestions default to this year, or to the last campaign whose rules
are loaded when this year's are not published yet."""

import datetime

import pytest

from mutualis.grappes import selectors
from mutualis.grappes.models import ProgrammeRule

pytestmark = pytest.mark.django_db


def test_the_last_campaign_with_rules_when_this_year_has_none(monkeypatch):
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: datetime.date(2026, 11, 23))
    ProgrammeRule.objects.filter(valid_to=None, key="grappe.min_essms").update(valid_to=2025)
    assert selectors.current_campaign() == 2025
    ProgrammeRule.objects.filter(key="grappe.min_essms", programme="generalisation").update(
        valid_to=None
    )
    assert selectors.current_campaign() == 2026
