"""Demonstration data: cooperation rounds with progress and a signed agreement per grappe."""

import pytest

from mutualis.agreements import selectors
from mutualis.agreements.demo import seed_demo_agreements
from mutualis.grappes.models import Grappe

pytestmark = pytest.mark.django_db


def test_selected_grappes_get_rounds_and_a_signed_agreement(grappe):
    assert seed_demo_agreements() == 1
    grappe.refresh_from_db()
    assert grappe.status == Grappe.Status.AGREEMENT_SIGNED
    assert grappe.agreement.status == "signed"
    assert grappe.agreement.versions.get().signatures.count() == 2
    latest = selectors.summary(selectors.current_round(grappe))
    assert latest.shown
    progress = next(axis for axis in latest.axes if axis.code == "capacites")
    assert progress.mean > progress.previous
    assert seed_demo_agreements() == 0
