"""The review: per lever, actions planned, done, dropped, mean progress and late ones; the
next plan copies the unfinished actions into a new six-month horizon."""

import datetime

import pytest
from django.urls import reverse

from mutualis.actionplans import review
from mutualis.actionplans.models import Action
from tests.actionplans.factories import ActionFactory
from tests.actionplans.test_permissions import client_for

pytestmark = pytest.mark.django_db
D = datetime.date


def test_review_figures_pure():
    facts = [
        review.ActionFacts("D", "done", 100, D(2026, 2, 1), "a"),
        review.ActionFacts("D", "doing", 40, D(2026, 2, 1), "late one"),
        review.ActionFacts("D", "dropped", 10, D(2026, 2, 1), "b"),
        review.ActionFacts("E", "todo", 0, D(2026, 6, 1), "c"),
        review.ActionFacts("", "doing", 50, D(2026, 6, 1), "d"),
    ]
    rows, total = review.review([("D", "Partage"), ("E", "Vision")], facts, D(2026, 3, 1))
    by_code = {row.code: row for row in rows}
    d = by_code["D"]
    assert (d.planned, d.done, d.dropped, d.running, d.late) == (3, 1, 1, 1, ["late one"])
    assert d.progress == 70.0  # (100 + 40) / 2: the dropped one is left out
    assert d.done_rate == 50.0
    assert by_code[""].label == "Sans levier"
    assert (total.planned, total.done, len(total.late)) == (5, 1, 1)
    assert total.progress == 47.5


def test_review_page_and_next_plan(world):
    plan = world.plan
    ActionFactory(plan=plan, lever_code="E", status="done", progress=100, title="Fait")
    ActionFactory(plan=plan, lever_code="E", status="dropped", title="Abandonnée")
    running = ActionFactory(
        plan=plan, lever_code="C", status="doing", progress=30, due_on=plan.opened_on
    )
    page = client_for(world.owner_admin).get(reverse("actionplans:review", args=[plan.uid]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "1 action faite sur 4 prévues, 2 en retard" in content
    assert "Ouvrir le plan suivant" not in content  # the facilitator's
    answer = client_for(world.facilitator).post(reverse("actionplans:next", args=[plan.uid]))
    following = plan.next_plans.get()
    assert answer.url == reverse("actionplans:plan", args=[following.uid])
    copies = {a.copied_from_id: a for a in following.actions.all()}
    assert set(copies) == {world.action.pk, running.pk}  # unfinished ones only
    copy = copies[running.pk]
    today = following.opened_on
    assert (copy.status, copy.progress, copy.starts_on) == (Action.Status.DOING, 30, today)
    assert today <= copy.due_on <= following.horizon_on
    assert following.levers == plan.levers
    assert following.previous == plan
