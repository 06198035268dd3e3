"""Publishing a specification: confirmation page, public page, experience report, withdrawal."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.core.models import AuditLog
from mutualis.library.models import ExperienceReport
from mutualis.specifications import publication
from mutualis.specifications.models import Importance, Offer, PriceLine, Rating
from tests.factories import national_admin, regional_actor
from tests.specifications import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return factories.group()


@pytest.fixture
def spec(group):
    spec = factories.specification(group)
    item = spec.items.get(code="DUI-01")
    item.importance = Importance.INDISPENSABLE
    item.arbitration_reason = "Besoin premier des trois membres"
    item.save()
    Rating.objects.create(
        item=item,
        managing_body=group.bodies[1],
        importance=Importance.USEFUL,
        comment="COMMENTAIRE-PRIVE",
    )
    offer = Offer.objects.create(specification=spec, vendor="Éditeur Alpha", solution="Alpha DUI")
    PriceLine.objects.create(
        offer=offer, label="Licences", kind=PriceLine.Kind.YEARLY, amount=Decimal("12345.67")
    )
    spec.chosen_offer = offer
    spec.decision_reason = "Meilleure couverture des exigences indispensables."
    spec.decided_at = timezone.now()
    spec.status = spec.Status.DECIDED
    spec.purpose = "Un DUI commun pour nos ESSMS."
    spec.save()
    return spec


def test_confirmation_shows_what_becomes_public_and_nothing_private(client, spec, group):
    client.force_login(group.carrier_admin)
    response = client.get(reverse("specifications:publish", args=[spec.uid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Besoin premier des trois membres" in body
    assert "Meilleure couverture des exigences indispensables." in body
    assert "Éditeur Alpha" in body
    assert "Coût total sur la durée du marché" in body  # a criterion
    assert "DUI-02" not in body  # not arbitrated
    assert "COMMENTAIRE-PRIVE" not in body and "12345" not in body and "12 345" not in body
    spec.refresh_from_db()
    assert not spec.is_published  # GET writes nothing


def test_publish_creates_and_proposes_the_report(client, spec, group):
    public_url = reverse("specifications:public", args=[spec.uid])
    assert client.get(public_url).status_code == 404  # not yet published
    client.force_login(group.carrier_admin)
    response = client.post(reverse("specifications:publish", args=[spec.uid]))
    assert response.status_code == 302
    spec.refresh_from_db()
    assert spec.is_published
    report = spec.report
    assert report.state == ExperienceReport.State.PROPOSED
    assert report.title == "Cahier des charges commun — Grappe DUI de l'Ain"
    assert report.author == group.carrier_admin and report.managing_body == group.bodies[0]
    assert report.region_id == "84"
    assert public_url in report.context and "DUI-01" in report.worked
    assert "12345" not in report.costs + report.worked + report.pooled
    assert AuditLog.objects.filter(action="specifications.publish").exists()
    client.logout()
    page = client.get(public_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Besoin premier des trois membres" in body and "COMMENTAIRE-PRIVE" not in body
    assert "12345" not in body


def test_unpublish_hides_the_public_page(client, spec, group):
    publication.publish(group.carrier_admin, spec, "https://exemple.test/public/")
    client.force_login(group.carrier_admin)
    assert client.post(reverse("specifications:unpublish", args=[spec.uid])).status_code == 302
    spec.refresh_from_db()
    assert not spec.is_published
    assert client.get(reverse("specifications:public", args=[spec.uid])).status_code == 404
    assert AuditLog.objects.filter(action="specifications.unpublish").exists()
    # published again: the same report, proposed already, is kept
    report = spec.report
    publication.publish(group.carrier_admin, spec, "https://exemple.test/public/")
    spec.refresh_from_db()
    assert spec.report == report and ExperienceReport.objects.count() == 1


def test_publishing_twice_is_refused(client, spec, group):
    publication.publish(group.carrier_admin, spec, "https://exemple.test/public/")
    client.force_login(group.carrier_admin)
    response = client.post(reverse("specifications:publish", args=[spec.uid]), follow=True)
    assert "déjà publié" in response.content.decode()


def test_only_leads_publish(client, spec, group):
    publish = reverse("specifications:publish", args=[spec.uid])
    unpublish = reverse("specifications:unpublish", args=[spec.uid])
    client.force_login(group.admins[1])
    assert client.get(publish).status_code == 403
    assert client.post(publish).status_code == 403
    assert client.post(unpublish).status_code == 403
    client.force_login(regional_actor("84"))
    assert client.post(publish).status_code == 403
    _, other = factories.body_with_admin("Autre", region="11", departement="75")
    client.force_login(other)
    assert client.get(publish).status_code == 404
    client.logout()
    assert client.post(publish).status_code == 302
    spec.refresh_from_db()
    assert not spec.is_published
    client.force_login(national_admin())
    assert client.post(publish).status_code == 302
    spec.refresh_from_db()
    assert spec.is_published
