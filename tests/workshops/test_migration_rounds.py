"""Migration 0002 keeps single-round sessions working: their ballots belong to round 1 and a
closed session's frozen results become its round 1."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workshops", "0001_initial")]
AFTER = [("workshops", "0002_workshop_rounds")]
RESULTS = {"ballots": 1, "rows": [], "rule": "Gommettes", "closed_at": "2026-01-01T10:00:00"}


@pytest.mark.django_db(transaction=True)
def test_existing_ballots_and_results_are_round_one(reloaded_reference_data):
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        Workshop = old.get_model("workshops", "Workshop")
        closed = Workshop.objects.create(
            code="ABCDEF",
            title="Atelier clos",
            status="closed",
            results=RESULTS,
            closed_at="2026-01-01T10:00:00Z",
        )
        running = Workshop.objects.create(code="GHJKLM", title="Atelier en cours", status="open")
        old.get_model("workshops", "WorkshopLever").objects.create(
            workshop=closed, code="A", label="Levier A"
        )
        participant = old.get_model("workshops", "Participant").objects.create(
            workshop=closed, key="k" * 43
        )
        old.get_model("workshops", "Ballot").objects.create(
            participant=participant, workshop=closed
        )

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        assert new.get_model("workshops", "Ballot").objects.get().round == 1
        rounds = new.get_model("workshops", "WorkshopRound").objects.all()
        assert [(r.workshop_id, r.number, r.levers) for r in rounds] == [(closed.pk, 1, ["A"])]
        assert rounds[0].results == RESULTS | {"round": 1}
        moved = new.get_model("workshops", "Workshop").objects.get(pk=running.pk)
        assert (moved.round, moved.version) == (1, 0)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
