"""The demonstration specification, on a small world: a demo grappe of the demo body."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from mutualis.grappes.models import GrappeMember
from mutualis.specifications.demo import DEMO_BODY, seed_demo_specifications
from mutualis.specifications.models import Importance, Rating, Specification
from tests.factories import national_admin
from tests.projects.factories import GrappeFactory, GrappeMemberFactory
from tests.specifications.factories import body_with_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    paris, _ = body_with_admin("Paris", region="11", departement="75")
    paris.finess = DEMO_BODY
    paris.save()
    others = [body_with_admin(name, region="11", departement="75")[0] for name in ("B", "C")]
    GrappeFactory(carrier=others[0], name="Une grappe ordinaire")
    grappe = GrappeFactory(carrier=paris, name="Grappe de démonstration — Paris")
    for body in others:
        GrappeMemberFactory(grappe=grappe, managing_body=body, status=GrappeMember.Status.ACTIVE)
    return grappe


def test_demo_specification_is_rated_arbitrated_decided_and_published_once(client, world):
    assert seed_demo_specifications() == 1
    spec = Specification.objects.get()
    assert spec.grappe == world and spec.is_demo and spec.is_published
    items = spec.items.count()
    assert Rating.objects.filter(item__specification=spec).count() == items * 3
    arbitrated = spec.items.exclude(importance="")
    assert arbitrated.exclude(arbitration_reason="").count() == arbitrated.count() == items
    assert spec.items.filter(importance=Importance.INDISPENSABLE).exists()
    assert spec.offers.count() == 2
    for offer in spec.offers.all():
        assert offer.coverages.count() == items
        assert offer.price_lines.count() == 2 and offer.marks.count() == 3
    assert spec.status == Specification.Status.DECIDED and spec.chosen_offer is not None
    assert spec.documents.count() == 2
    assert spec.report.state == "proposed" and spec.report.is_demo
    assert str(spec.uid) in spec.report.context
    assert client.get(reverse("specifications:public", args=[spec.uid])).status_code == 200
    client.force_login(national_admin())
    page = client.get(reverse("specifications:documents", args=[spec.uid]))
    assert page.status_code == 200 and "Grand âge — SaaS" in page.content.decode()
    assert seed_demo_specifications() == 0
    assert Specification.objects.count() == 1


def test_demo_is_deterministic(world):
    seed_demo_specifications()
    first = sorted(Rating.objects.values_list("item__code", "importance"))
    Specification.objects.all().delete()
    seed_demo_specifications()
    assert sorted(Rating.objects.values_list("item__code", "importance")) == first


def test_no_demo_grappe_no_specification():
    assert seed_demo_specifications() == 0


def test_the_command_says_how_many_were_created(world):
    out = io.StringIO()
    call_command("seed_demo_specifications", stdout=out)
    assert "créés : 1" in out.getvalue()
