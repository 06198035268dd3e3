"""Migration 0002 keeps what was written before it: each line of a meeting's decisions text
becomes a Decision, each value reached (with its proof) a value of its month, and a negative
value, accepted before, is cleared."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0001_initial")]
AFTER = [("projects", "0002_decisions_usage_indicators_values")]


@pytest.fixture
def setup(reloaded_reference_data, setup):
    return setup


@pytest.mark.django_db(transaction=True)
def test_texts_and_values_are_moved(setup):
    project = setup.open()
    target_pk = project.usage_targets.order_by("pk").first().pk
    negative_pk = project.usage_targets.order_by("pk").last().pk
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        Meeting = old.get_model("projects", "Meeting")
        UsageTarget = old.get_model("projects", "UsageTarget")
        meeting = Meeting.objects.create(
            project_id=project.pk,
            date=datetime.date(2026, 2, 1),
            decisions="Choisir l'AMOA\n\n  Relancer l'éditeur  ",
        )
        UsageTarget.objects.filter(pk=target_pk).update(
            actual_value=Decimal(40), proof="Export DUI"
        )
        UsageTarget.objects.filter(pk=negative_pk).update(actual_value=Decimal(-5))

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        Decision = new.get_model("projects", "Decision")
        UsageValue = new.get_model("projects", "UsageValue")
        assert list(
            Decision.objects.filter(meeting_id=meeting.pk)
            .order_by("pk")
            .values_list("text", flat=True)
        ) == ["Choisir l'AMOA", "Relancer l'éditeur"]
        value = UsageValue.objects.get(target_id=target_pk)
        assert (value.value, value.proof_text) == (Decimal(40), "Export DUI")
        assert (
            new.get_model("projects", "UsageTarget").objects.get(pk=negative_pk).actual_value
            is None
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
