"""Dated updates: the timeline of an action, never in the future, moving status and progress
coherently; refused updates answer the form with French messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.actionplans import services
from mutualis.actionplans.models import Action
from mutualis.core.models import AuditLog
from tests.actionplans.test_permissions import client_for

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)


def test_updates_build_the_timeline_and_move_the_action(world):
    action = world.action
    services.record_update(world.owner_admin, action, TODAY, "Lancement", "doing", 10, today=TODAY)
    services.record_update(world.owner_admin, action, TODAY, "Note simple", today=TODAY)
    services.record_update(world.facilitator, action, TODAY, "Terminé", "done", today=TODAY)
    action.refresh_from_db()
    assert (action.status, action.progress) == (Action.Status.DONE, 100)
    texts = list(action.updates.order_by("created_at").values_list("text", "status", "progress"))
    assert texts == [
        ("Lancement", "doing", 10),
        ("Note simple", "", None),
        ("Terminé", "done", None),
    ]
    assert AuditLog.objects.filter(action="actionplan.action_update").count() == 3


def test_an_update_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.record_update(
            world.owner_admin, world.action, TODAY + datetime.timedelta(days=1), "x", today=TODAY
        )
    assert "futur" in error.value.message_dict["on"][0]
    assert world.action.updates.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"progress": "100", "status": "doing"}, "100 % correspond au statut « Fait »"),
        ({"progress": "²"}, "Saisissez un nombre entier"),
        ({"progress": "٣" * 30}, "inférieure ou égale à 100"),
        ({"on": "31/02/2026"}, "Saisissez une date valable"),
        ({"status": "fini"}, "Sélectionnez un choix valide"),
    ],
)
def test_refused_updates_say_why_in_french(world, data, message):
    url = reverse("actionplans:action_update", args=[world.plan.uid, world.action.uid])
    post = {"on": world.plan.opened_on.isoformat(), "text": "Point", **data}
    answer = client_for(world.owner_admin).post(url, post)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert world.action.updates.count() == 0


def test_the_action_page_shows_the_timeline(world):
    services.record_update(world.owner_admin, world.action, TODAY, "Réunion de lancement tenue")
    url = reverse("actionplans:action", args=[world.plan.uid, world.action.uid])
    page = client_for(world.owner_admin).get(url).content.decode()
    assert "Réunion de lancement tenue" in page
    assert "01/03/2026" in page
