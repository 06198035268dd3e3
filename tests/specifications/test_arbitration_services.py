"""The group's arbitration: a reason unless it follows a consensus; consensus items set in
bulk, skipping those already arbitrated."""

import pytest
from django.core.exceptions import ValidationError

from mutualis.core.models import AuditLog
from mutualis.specifications import rating_services, selectors
from mutualis.specifications.rating_services import CONSENSUS_REASON
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import rate


@pytest.fixture
def world(db):
    g = group()
    spec = specification(g)
    # DUI-01 and DUI-02: consensus; DUI-03: disagreement; ADM-01: rated by one member only.
    rate(spec, g, 0, DUI_01="indispensable", DUI_02="utile", DUI_03="indispensable")
    rate(spec, g, 1, DUI_01="indispensable", DUI_02="utile", DUI_03="utile")
    rate(spec, g, 2, DUI_01="indispensable", DUI_02="utile", DUI_03="sans_objet", ADM_01="utile")
    return g, spec


def test_an_arbitration_against_the_members_needs_a_reason(world):
    g, spec = world
    item = spec.items.get(code="DUI-03")
    with pytest.raises(ValidationError, match="motif"):
        rating_services.arbitrate(g.carrier_admin, item, "souhaite", "  ")
    rating_services.arbitrate(g.carrier_admin, item, "souhaite", "Compromis du comité")
    item.refresh_from_db()
    assert (item.importance, item.arbitration_reason) == ("souhaite", "Compromis du comité")
    assert item.arbitrated_by == g.carrier_admin and item.arbitrated_at is not None
    row = AuditLog.objects.get(action="specifications.arbitrate")
    assert row.changes["from"] == "" and row.changes["to"] == "souhaite"
    assert row.changes["reason"] == "Compromis du comité"
    # A second arbitration records where it came from; history lists both, newest first.
    rating_services.arbitrate(g.carrier_admin, item, "indispensable", "Exigence ARS")
    history = selectors.arbitration_history(item)
    assert [(h.before, h.after) for h in history] == [
        ("Souhaité", "Indispensable"),
        ("", "Souhaité"),
    ]
    assert history[0].reason == "Exigence ARS" and history[0].actor == g.carrier_admin


def test_following_the_consensus_needs_no_reason(world):
    g, spec = world
    item = spec.items.get(code="DUI-02")
    rating_services.arbitrate(g.carrier_admin, item, "utile", "")
    item.refresh_from_db()
    assert (item.importance, item.arbitration_reason) == ("utile", CONSENSUS_REASON)
    with pytest.raises(ValidationError):
        rating_services.arbitrate(g.carrier_admin, item, "souhaite", "")


def test_accepting_the_consensus_skips_arbitrated_items(world):
    g, spec = world
    rating_services.arbitrate(g.carrier_admin, spec.items.get(code="DUI-01"), "souhaite", "Non")
    plan = rating_services.consensus_plan(spec)
    assert [(item.code, level) for item, level in plan] == [("DUI-02", "utile")]
    assert rating_services.accept_consensus(g.carrier_admin, spec) == 1
    importances = dict(spec.items.exclude(importance="").values_list("code", "importance"))
    assert importances == {"DUI-01": "souhaite", "DUI-02": "utile"}
    assert spec.items.get(code="DUI-02").arbitration_reason == CONSENSUS_REASON
    assert AuditLog.objects.filter(action="specifications.arbitrate").count() == 2
    assert rating_services.accept_consensus(g.carrier_admin, spec) == 0
