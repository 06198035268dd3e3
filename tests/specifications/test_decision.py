"""The decision: a lead retains an offer with a reason (required, and the page says when
the offer is not ranked first or the ranking is not évaluable); reopening clears it."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.specifications.models import Offer, Specification
from tests.factories import regional_actor
from tests.specifications.factories import body_with_admin, specification
from tests.specifications.offer_builders import form_data_for, offer, scored


@pytest.fixture
def analysed(db):
    return scored()


def decide_url(spec):
    return reverse("specifications:decide", args=[spec.uid])


def test_the_lead_retains_the_first_ranked_offer(client, analysed):
    the_group, spec, alpha, _beta = analysed
    client.force_login(the_group.carrier_admin)
    page = client.get(decide_url(spec)).content.decode()
    # Alpha: (50 × 100 + 30 × 100 + 20 × 70) / 100 = 94
    # Beta: (50 × 50 + 30 × 100 + 20 × 90) / 100 = 73
    assert "En tête du classement : Alpha — Alpha DUI." in page
    assert "Alpha — Alpha DUI — rang 1" in page and "Beta — Beta DUI — rang 2" in page
    response = client.post(decide_url(spec), {"offer": alpha.uid, "reason": "Meilleur score."})
    assert response.status_code == 302
    spec.refresh_from_db()
    assert spec.status == Specification.Status.DECIDED
    assert spec.chosen_offer == alpha and spec.decision_reason == "Meilleur score."
    assert spec.decided_by == the_group.carrier_admin and spec.decided_at is not None
    log = AuditLog.objects.get(action="specifications.decide")
    assert log.changes["offer"] == str(alpha.uid)
    page = client.get(reverse("specifications:analysis", args=[spec.uid])).content.decode()
    assert "Offre retenue : Alpha — Alpha DUI" in page


def test_a_reason_is_required_and_a_second_ranked_choice_is_flagged(client, analysed):
    the_group, spec, _alpha, beta = analysed
    client.force_login(the_group.carrier_admin)
    response = client.post(decide_url(spec), {"offer": beta.uid, "reason": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Indiquez les motifs de la décision." in page
    assert "n&#x27;est pas classée première" in page or "n'est pas classée première" in page
    spec.refresh_from_db()
    assert spec.status == Specification.Status.ANALYSIS and spec.chosen_offer is None


def test_a_not_evaluable_ranking_is_said_and_a_decision_still_possible(client, db):
    the_group, spec, alpha, _beta = scored()
    spec.items.update(importance="")  # not arbitrated: coverage is « non évaluable »
    client.force_login(the_group.carrier_admin)
    page = client.get(decide_url(spec)).content.decode()
    assert "Le classement n'est pas évaluable" in page
    assert "Alpha — Alpha DUI — non classée" in page
    response = client.post(
        decide_url(spec), {"offer": alpha.uid, "reason": "Seule offre conforme."}
    )
    assert response.status_code == 302
    spec.refresh_from_db()
    assert spec.chosen_offer == alpha


def test_an_offer_of_another_specification_cannot_be_retained(client, analysed):
    the_group, spec, _alpha, _beta = analysed
    other = offer(specification(the_group, "Autre"), "Ailleurs")
    client.force_login(the_group.carrier_admin)
    response = client.post(decide_url(spec), {"offer": other.uid, "reason": "Pourquoi pas."})
    assert response.status_code == 200
    assert "Cette offre n&#x27;existe pas dans ce cahier des charges." in response.content.decode()
    response = client.post(decide_url(spec), {"offer": "pas-un-uuid", "reason": "x"})
    assert response.status_code == 200
    spec.refresh_from_db()
    assert spec.chosen_offer is None


def test_reopening_clears_the_decision_and_offers_are_locked_meanwhile(client, analysed):
    the_group, spec, alpha, _beta = analysed
    client.force_login(the_group.carrier_admin)
    client.post(decide_url(spec), {"offer": alpha.uid, "reason": "Meilleur score."})
    # while decided, offers cannot change
    url = reverse("specifications:offer", args=[spec.uid, alpha.uid])
    response = client.post(url, form_data_for(spec, vendor="Changé"))
    assert response.status_code == 200
    assert "La décision est prise" in response.content.decode()
    assert Offer.objects.get(pk=alpha.pk).vendor == "Alpha"
    reopen = reverse("specifications:reopen", args=[spec.uid])
    assert client.get(reopen).status_code == 405
    assert client.post(reopen).status_code == 302
    spec.refresh_from_db()
    assert spec.status == Specification.Status.ANALYSIS
    assert (spec.chosen_offer, spec.decision_reason, spec.decided_at, spec.decided_by) == (
        None,
        "",
        None,
        None,
    )
    assert AuditLog.objects.filter(action="specifications.reopen").count() == 1


def test_only_leads_decide(client, analysed):
    the_group, spec, alpha, _beta = analysed
    data = {"offer": alpha.uid, "reason": "Parce que."}
    reopen = reverse("specifications:reopen", args=[spec.uid])
    client.force_login(the_group.admins[2])
    assert client.get(decide_url(spec)).status_code == 403
    assert client.post(decide_url(spec), data).status_code == 403
    assert client.post(reopen).status_code == 403
    client.force_login(regional_actor("84"))
    assert client.post(decide_url(spec), data).status_code == 403
    _, outsider = body_with_admin("Autre", region="11", departement="75")
    client.force_login(outsider)
    assert client.post(decide_url(spec), data).status_code == 404
    assert client.post(reopen).status_code == 404
    client.logout()
    assert client.post(decide_url(spec), data).status_code == 302
    spec.refresh_from_db()
    assert spec.chosen_offer is None
