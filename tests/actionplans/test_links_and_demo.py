"""Links from an action to initiatives, experience reports and grappes the user may see
(select by search); the demonstration plan."""

import pytest
from django.urls import reverse

from mutualis.actionplans.demo import seed_demo_actionplans
from mutualis.actionplans.models import ActionPlan
from mutualis.initiatives.models import Initiative
from mutualis.workshops.demo import seed_demo_workshops
from tests.actionplans.test_permissions import client_for
from tests.initiatives.conftest import initiative

pytestmark = pytest.mark.django_db


def test_owner_links_a_published_initiative_found_by_search(world):
    shown = initiative(moderation=Initiative.Moderation.PUBLISHED, title="DPI partagé de l'Ain")
    hidden = initiative(moderation=Initiative.Moderation.PROPOSED, title="DPI secret")
    client = client_for(world.owner_admin)
    url = reverse("actionplans:action_links", args=[world.plan.uid, world.action.uid])
    page = client.get(url, {"q": "DPI"}).content.decode()
    assert str(shown.uid) in page and str(hidden.uid) not in page
    assert (
        client.post(url, {"kind": "initiative", "target": shown.uid, "linked": "1"}).status_code
        == 302
    )
    assert list(world.action.initiatives.all()) == [shown]
    # an object the user may not see, or a malformed one, answers 404 and links nothing
    for target in (hidden.uid, "²", "x" * 50):
        answer = client.post(url, {"kind": "initiative", "target": target, "linked": "1"})
        assert answer.status_code == 404
    assert (
        client.post(url, {"kind": "grappe", "target": shown.uid, "linked": "1"}).status_code == 404
    )
    assert client.get(url, {"q": "a" * 300}).status_code == 200
    action_page = client.get(
        reverse("actionplans:action", args=[world.plan.uid, world.action.uid])
    ).content.decode()
    assert reverse("initiatives:detail", args=[shown.uid]) in action_page
    client.post(url, {"kind": "initiative", "target": shown.uid, "linked": "0"})
    assert not world.action.initiatives.exists()


def test_the_territory_may_not_manage_links(world):
    from tests.actionplans.factories import body_admin

    _, territory_admin = body_admin(departement="69")
    url = reverse("actionplans:action_links", args=[world.plan.uid, world.action.uid])
    assert client_for(territory_admin).get(url).status_code == 403


def test_demo_plan_is_published_and_idempotent():
    seed_demo_workshops()
    assert seed_demo_actionplans() == 1
    assert seed_demo_actionplans() == 0
    plan = ActionPlan.objects.get(is_demo=True)
    assert plan.is_published and plan.region_id == "84"
    assert plan.actions.count() == 5
    assert plan.actions.filter(status="done").count() == 1
    assert client_for().get(reverse("actionplans:public", args=[plan.uid])).status_code == 200
