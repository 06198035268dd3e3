"""Who sees, runs, updates and comments a plan: the facilitator, the owner organisation, an
organisation of another région, regional actors of the plan's région and of another one,
anonymous visitors before and after publication."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from mutualis.actionplans import perms, services
from mutualis.actionplans.models import Action, Comment
from tests.actionplans.factories import ActionFactory, body_admin, open_plan
from tests.factories import UserFactory, national_admin, regional_actor

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def update_post(world, user):
    url = reverse("actionplans:action_update", args=[world.plan.uid, world.action.uid])
    data = {"on": world.plan.opened_on.isoformat(), "text": "Point", "progress": "20"}
    return client_for(user).post(url, data)


def test_roles_on_the_working_page_and_updates(world):
    plan, action = world.plan, world.action
    _other_body, other_admin = body_admin(departement="75")  # Île-de-France
    _territory_body, territory_admin = body_admin(departement="69")  # same région (84)
    regional, other_regional = regional_actor("84"), regional_actor("11")
    cases = {
        "facilitator": (world.facilitator, True, True, True),
        "owner": (world.owner_admin, True, True, True),  # owner body in Ain (84)
        "territory": (territory_admin, True, False, True),
        "regional": (regional, True, False, True),
        "other_admin": (other_admin, False, False, False),
        "other_regional": (other_regional, False, False, False),
        "no_org": (UserFactory(), False, False, False),
        "anonymous": (None, False, False, False),
    }
    detail = reverse("actionplans:plan", args=[plan.uid])
    for role, (user, view, update, comment) in cases.items():
        assert perms.can_view_plan(user, plan) is view, role
        assert perms.can_update_action(user, action) is update, role
        assert perms.can_comment(user, plan) is comment, role
        status = client_for(user).get(detail).status_code
        expected = 200 if view else (302 if user is None else 404)
        assert status == expected, role
    assert update_post(world, world.owner_admin).status_code == 302
    assert update_post(world, territory_admin).status_code == 403
    assert update_post(world, other_admin).status_code == 404  # nothing leaks
    action.refresh_from_db()
    assert action.progress == 20 and action.updates.count() == 1


def test_an_owner_outside_the_region_sees_the_plan_and_updates_its_action(world):
    far_body, far_admin = body_admin(departement="75")
    far = ActionFactory(plan=world.plan, owner_body=far_body)
    assert perms.can_view_plan(far_admin, world.plan)
    assert perms.can_update_action(far_admin, far)
    assert not perms.can_update_action(far_admin, world.action)
    assert not perms.can_comment(far_admin, world.plan)


def test_regional_owners_are_the_regional_actors_of_the_plans_region(world):
    ars = ActionFactory(plan=world.plan, owner_kind=Action.OwnerKind.ARS, owner_body=None)
    assert perms.can_update_action(regional_actor("84"), ars)
    assert not perms.can_update_action(regional_actor("11"), ars)
    assert not perms.can_update_action(world.owner_admin, ars)
    assert perms.can_update_action(national_admin(), ars)


def test_public_page_is_404_before_publication_and_open_after(world):
    public = reverse("actionplans:public", args=[world.plan.uid])
    csv = reverse("actionplans:export_csv", args=[world.plan.uid])
    anonymous = client_for()
    assert anonymous.get(public).status_code == 404
    assert anonymous.get(csv).status_code == 404
    assert client_for(world.facilitator).get(public).status_code == 404
    services.set_published(world.facilitator, world.plan, True)
    page = anonymous.get(public)
    assert page.status_code == 200
    assert "Ouvrir l&#x27;espace de partage" in page.content.decode()
    assert anonymous.get(csv).status_code == 200
    assert reverse("actionplans:action", args=[world.plan.uid, world.action.uid]) not in (
        page.content.decode()
    )  # the public page links to nothing private
    services.set_published(world.facilitator, world.plan, False)
    assert anonymous.get(public).status_code == 404


def test_only_the_facilitator_publishes_edits_and_moderates(world):
    url = reverse("actionplans:publication", args=[world.plan.uid])
    assert client_for(world.owner_admin).post(url, {"action": "publier"}).status_code == 403
    world.plan.refresh_from_db()
    assert not world.plan.is_published
    assert client_for(world.facilitator).post(url, {"action": "publier"}).status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.is_published
    edit = reverse("actionplans:action_edit", args=[world.plan.uid, world.action.uid])
    assert client_for(world.owner_admin).get(edit).status_code == 403
    assert client_for(world.facilitator).get(edit).status_code == 200


def test_comments_and_their_moderation(world):
    _territory_body, territory_admin = body_admin(departement="69")
    url = reverse("actionplans:comment", args=[world.plan.uid, world.action.uid])
    assert client_for(territory_admin).post(url, {"text": "Nous en sommes !"}).status_code == 302
    _, far_admin = body_admin(departement="75")
    assert client_for(far_admin).post(url, {"text": "Et nous ?"}).status_code == 404
    comment = Comment.objects.get()
    hide = reverse("actionplans:hide_comment", args=[world.plan.uid, comment.uid])
    assert client_for(territory_admin).post(hide).status_code == 403
    assert client_for(world.facilitator).post(hide, {"action": "masquer"}).status_code == 302
    action_url = reverse("actionplans:action", args=[world.plan.uid, world.action.uid])
    assert "Nous en sommes" not in client_for(territory_admin).get(action_url).content.decode()
    assert "Nous en sommes" in client_for(world.facilitator).get(action_url).content.decode()


def test_another_plans_action_or_comment_is_404(world):
    other = open_plan(world.facilitator, opened=datetime.date(2026, 2, 1))
    client = client_for(world.facilitator)
    url = reverse("actionplans:action", args=[other.uid, world.action.uid])
    assert client.get(url).status_code == 404
    comment = services.comment(world.facilitator, world.action, "Bien")
    hide = reverse("actionplans:hide_comment", args=[other.uid, comment.uid])
    assert client.post(hide).status_code == 404


def test_the_list_shows_published_plans_to_everyone_and_territory_plans_to_members(world):
    anonymous, uid = client_for(), str(world.plan.uid)
    assert uid not in anonymous.get(reverse("actionplans:list")).content.decode()
    assert (
        "Aucun plan d'action publié" in anonymous.get(reverse("actionplans:list")).content.decode()
    )
    _, territory_admin = body_admin(departement="69")
    page = client_for(territory_admin).get(reverse("actionplans:list")).content.decode()
    assert reverse("actionplans:plan", args=[uid]) in page
    _, far_admin = body_admin(departement="75")
    assert uid not in client_for(far_admin).get(reverse("actionplans:list")).content.decode()
    services.set_published(world.facilitator, world.plan, True)
    page = anonymous.get(reverse("actionplans:list")).content.decode()
    assert reverse("actionplans:public", args=[world.plan.uid]) in page
