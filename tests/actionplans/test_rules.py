"""Horizon, dates and status/progress coherence: the pure rules and their enforcement by the
services (French messages)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mutualis.actionplans import rules, services
from mutualis.actionplans.models import Action

D = datetime.date


def test_default_horizon_is_six_months_after_opening():
    assert rules.default_horizon(D(2026, 1, 5)) == D(2026, 7, 5)
    assert rules.default_horizon(D(2026, 8, 31)) == D(2027, 2, 28)


@pytest.mark.parametrize(
    ("start", "due", "field", "words"),
    [
        (D(2026, 1, 4), D(2026, 2, 1), "starts_on", "suivre l'ouverture"),
        (D(2026, 1, 5), D(2026, 7, 6), "due_on", "dépasse l'horizon du plan (05/07/2026)"),
        (D(2026, 3, 1), D(2026, 2, 1), "due_on", "ne peut précéder"),
    ],
)
def test_dates_outside_the_plan_are_refused(start, due, field, words):
    with pytest.raises(ValidationError) as error:
        rules.check_dates(start, due, D(2026, 1, 5), D(2026, 7, 5))
    assert words in error.value.message_dict[field][0]


def test_dates_on_the_bounds_are_accepted():
    rules.check_dates(D(2026, 1, 5), D(2026, 7, 5), D(2026, 1, 5), D(2026, 7, 5))


@pytest.mark.parametrize(
    ("before", "given", "after"),
    [
        (("todo", 0), ("done", None), ("done", 100)),
        (("todo", 0), ("", 100), ("done", 100)),
        (("todo", 0), ("", 30), ("doing", 30)),
        (("doing", 30), ("", None), ("doing", 30)),
        (("done", 100), ("", 80), ("doing", 80)),
        (("done", 100), ("doing", 50), ("doing", 50)),
        (("doing", 40), ("dropped", None), ("dropped", 40)),
        (("doing", 40), ("todo", 0), ("todo", 0)),
    ],
)
def test_status_and_progress_stay_coherent(before, given, after):
    assert rules.resolve(*before, *given) == after


@pytest.mark.parametrize(
    ("before", "given", "words"),
    [
        (("doing", 40), ("doing", 100), "100 % correspond au statut « Fait »"),
        (("doing", 40), ("done", 50), "avancée à 100 %"),
        (("done", 100), ("doing", None), "Indiquez l'avancement"),
        (("doing", 40), ("", 101), "entre 0 et 100"),
    ],
)
def test_incoherent_updates_are_refused(before, given, words):
    with pytest.raises(ValidationError) as error:
        rules.resolve(*before, *given)
    assert words in error.value.messages[0]


def test_an_action_outside_the_horizon_is_refused_until_the_horizon_moves(world):
    plan = world.plan
    data = {
        "title": "Feuille de route commune",
        "owner_kind": Action.OwnerKind.ARS,
        "starts_on": plan.opened_on,
        "due_on": D(2026, 9, 1),
    }
    with pytest.raises(ValidationError) as error:
        services.add_action(world.facilitator, plan, **data)
    assert "horizon" in error.value.message_dict["due_on"][0]
    services.set_horizon(world.facilitator, plan, D(2026, 9, 30))
    plan.refresh_from_db()
    action = services.add_action(world.facilitator, plan, **data)
    assert action.due_on == D(2026, 9, 1)
    with pytest.raises(ValidationError) as error:  # the horizon keeps its actions inside
        services.set_horizon(world.facilitator, plan, D(2026, 8, 1))
    assert "01/09/2026" in error.value.message_dict["horizon_on"][0]


def test_owner_rules(world):
    base = {"title": "X", "starts_on": world.plan.opened_on, "due_on": world.plan.opened_on}
    with pytest.raises(ValidationError) as error:
        services.add_action(world.facilitator, world.plan, owner_kind="body", **base)
    assert "organisme responsable" in error.value.message_dict["owner_body"][0]
    with pytest.raises(ValidationError):
        services.add_action(world.facilitator, world.plan, owner_kind="other", **base)
    with pytest.raises(ValidationError) as error:
        services.add_action(world.facilitator, world.plan, owner_kind="ars", lever_code="Z", **base)
    assert "levier" in error.value.message_dict["lever_code"][0]
    ars = services.add_action(
        world.facilitator, world.plan, owner_kind="ars", owner_body=world.owner_body, **base
    )
    assert ars.owner_body is None and ars.owner_name == "ARS"


def test_the_database_refuses_an_incoherent_action(world):
    world.action.status, world.action.progress = Action.Status.DOING, 100
    with pytest.raises(IntegrityError), transaction.atomic():
        world.action.save()
