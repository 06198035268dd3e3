"""Hostile input on the offer, criteria and decision forms: never a server error, nothing
saved when the form is refused, and no more rows than the forms allow."""

import pytest
from django.test import Client
from django.urls import reverse

from mutualis.specifications.models import Criterion, Offer, PriceLine
from tests.specifications.offer_builders import form_data_for, scored

HOSTILE = ["", "\x00", "x" * 5000, "٣", "1e999", "-0", "NaN", "=1+1", "<script>", "9" * 30]


@pytest.fixture
def analysed(db):
    return scored()


def test_every_offer_field_resists_hostile_values(analysed):
    the_group, spec, alpha, _beta = analysed
    client = Client(raise_request_exception=False)
    client.force_login(the_group.carrier_admin)
    url = reverse("specifications:offer", args=[spec.uid, alpha.uid])
    base = form_data_for(spec, vendor="Alpha")
    fields = [
        name
        for name in base
        if not name.startswith("cov_") or name == next(k for k in base if k.startswith("cov_"))
    ]
    for field in fields:
        for value in HOSTILE:
            response = client.post(url, base | {field: value})
            assert response.status_code in (200, 302), (field, value, response.status_code)
    assert Offer.objects.filter(specification=spec).count() == 2
    assert all(len(o.vendor) <= 200 for o in Offer.objects.all())


def test_no_more_price_lines_than_the_form_allows(analysed):
    the_group, spec, alpha, _beta = analysed
    client = Client()
    client.force_login(the_group.carrier_admin)
    lines = [("Poste", "yearly", "1")] * 60
    data = form_data_for(spec, vendor="Alpha", lines=lines)
    response = client.post(reverse("specifications:offer", args=[spec.uid, alpha.uid]), data)
    assert response.status_code == 200
    assert PriceLine.objects.filter(offer=alpha).count() == 2  # unchanged


def test_criteria_and_decision_resist_hostile_values(analysed):
    the_group, spec, alpha, _beta = analysed
    client = Client(raise_request_exception=False)
    client.force_login(the_group.carrier_admin)
    criteria_url = reverse("specifications:criteria", args=[spec.uid])
    base = {
        "criteres-TOTAL_FORMS": "1",
        "criteres-INITIAL_FORMS": "1",
        "criteres-MIN_NUM_FORMS": "0",
        "criteres-MAX_NUM_FORMS": "30",
        "criteres-0-criterion": str(spec.criteria.first().pk),
        "criteres-0-label": "Couverture",
        "criteres-0-weight": "50",
    }
    for field in base:
        for value in HOSTILE:
            response = client.post(criteria_url, base | {field: value})
            assert response.status_code in (200, 302), (field, value, response.status_code)
    assert spec.criteria.count() <= 30
    assert Criterion.objects.filter(specification=spec, kind="coverage").count() == 1
    decide_url = reverse("specifications:decide", args=[spec.uid])
    for field in ("offer", "reason"):
        for value in HOSTILE:
            data = {"offer": str(alpha.uid), "reason": "Motif"} | {field: value}
            response = client.post(decide_url, data)
            assert response.status_code in (200, 302), (field, value, response.status_code)
            if response.status_code == 302:
                client.post(reverse("specifications:reopen", args=[spec.uid]))
