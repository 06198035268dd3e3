"""The demo body's assessments: last campaign submitted, this one started pre-filled from it
(a re-run keeps working: answers are upserted over the pre-filled ones)."""

import pytest

from mutualis.maturity import services
from mutualis.maturity.demo import seed_demo_body_assessments
from mutualis.maturity.models import Assessment

pytestmark = pytest.mark.django_db


def test_demo_campaign_starts_prefilled_from_the_last_one(member, establishment, indicators):
    body = establishment.managing_body

    seed_demo_body_assessments(body, member)
    seed_demo_body_assessments(body, member)  # idempotent

    campaign = services.current_campaign()
    last = Assessment.objects.get(managing_body=body, campaign=campaign - 1)
    current = Assessment.objects.get(managing_body=body, campaign=campaign)
    assert last.is_submitted and not current.is_submitted
    assert current.answers.count() == len(indicators)
    confirmed = current.answers.filter(prefill_source="").count()
    assert 0 < confirmed < len(indicators)  # the rest stays "à confirmer"
