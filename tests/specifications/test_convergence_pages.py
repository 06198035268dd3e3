"""The convergence table, the arbitration page and the consensus confirmation."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.specifications.rating_services import CONSENSUS_REASON
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import rate


@pytest.fixture
def world(db):
    g = group()
    spec = specification(g)
    rate(spec, g, 0, DUI_01="indispensable", DUI_02="utile", DUI_03="indispensable")
    rate(spec, g, 1, DUI_01="indispensable", DUI_02="utile", DUI_03="utile")
    rate(spec, g, 2, DUI_01="indispensable", DUI_02="utile", DUI_03="sans_objet")
    return g, spec


def _url(name, spec, *args):
    return reverse(f"specifications:{name}", args=[spec.uid, *args])


def test_the_table_shows_counts_statuses_and_each_members_rating(client, world):
    g, spec = world
    client.force_login(g.admins[1])
    page = client.get(_url("convergence", spec)).content.decode()
    assert "Consensus" in page and "Désaccord" in page and "Incomplet" in page
    for body in g.bodies:
        assert body.display_name in page
    assert "Arbitrer" not in page  # a simple member does not arbitrate
    # The disagreements filter keeps DUI-03 only.
    page = client.get(_url("convergence", spec), {"filtre": "desaccords"}).content.decode()
    assert "DUI-03" in page and "DUI-01 —" not in page
    assert "1 exigence affichée" in page
    # An unknown filter shows everything, never an error.
    response = client.get(_url("convergence", spec), {"filtre": "<script>"})
    assert response.status_code == 200 and "DUI-01 —" in response.content.decode()


def test_the_lead_arbitrates_with_a_reason(client, world):
    g, spec = world
    client.force_login(g.carrier_admin)
    assert "Arbitrer" in client.get(_url("convergence", spec)).content.decode()
    url = _url("arbitrate", spec, "DUI-03")
    page = client.get(url).content.decode()
    assert "Notations des membres" in page and "pas encore été arbitrée" in page
    response = client.post(url, {"importance": "souhaite", "reason": ""})
    assert response.status_code == 200
    assert "Indiquez le motif" in response.content.decode()
    response = client.post(url, {"importance": "souhaite", "reason": "Compromis"})
    assert response.url == _url("convergence", spec)
    item = spec.items.get(code="DUI-03")
    assert (item.importance, item.arbitration_reason) == ("souhaite", "Compromis")
    page = client.get(url).content.decode()
    assert "Compromis" in page and "Non arbitrée" in page and "Souhaité" in page  # history
    page = client.get(_url("convergence", spec), {"filtre": "non_arbitrees"}).content.decode()
    assert "DUI-03 —" not in page and "DUI-01 —" in page


def test_the_lead_accepts_the_consensus_after_a_confirmation(client, world):
    g, spec = world
    client.force_login(g.carrier_admin)
    page = client.get(_url("accept_consensus", spec)).content.decode()
    assert "2 exigences non encore arbitrées" in page
    assert spec.items.exclude(importance="").count() == 0
    client.post(_url("accept_consensus", spec))
    arbitrated = dict(spec.items.exclude(importance="").values_list("code", "arbitration_reason"))
    assert arbitrated == {"DUI-01": CONSENSUS_REASON, "DUI-02": CONSENSUS_REASON}
    assert AuditLog.objects.filter(action="specifications.accept_consensus").count() == 1


def test_once_decided_the_table_offers_no_arbitration(client, world):
    g, spec = world
    spec.status = spec.Status.DECIDED
    spec.save(update_fields=["status"])
    client.force_login(g.carrier_admin)
    page = client.get(_url("convergence", spec)).content.decode()
    assert "DUI-01 —" in page
    assert "Arbitrer" not in page and "Retenir les consensus" not in page
