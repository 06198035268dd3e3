"""Every background task: a task result whose worker died (no heartbeat for a lease) is
marked failed, and an idempotent task (the observatory refresh) is queued again."""

import datetime as dt
import threading
from functools import partial

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutualis.core import leases
from mutualis.core.models import TaskLease
from mutualis.observatory.tasks import refresh_observatory

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REFRESH = "mutualis.observatory.tasks.refresh_observatory"


def long_ago() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=leases.lease_seconds() + 1)


def running_refresh(started_at: dt.datetime) -> DBTaskResult:
    """A refresh a worker claimed at ``started_at``."""
    result = DBTaskResult.objects.get(pk=refresh_observatory.enqueue().id)
    DBTaskResult.objects.filter(pk=result.pk).update(status="RUNNING", started_at=started_at)
    return result


# The heartbeat thread


def test_a_heartbeat_beats_on_its_thread_until_stopped():
    beats = []
    twice = threading.Event()

    def beat() -> None:
        beats.append(threading.current_thread().name)
        if len(beats) == 2:
            twice.set()
        if len(beats) == 1:
            raise OperationalError("database is locked")  # logged, tried again

    with leases.Heartbeat(beat, every=0.01):
        assert twice.wait(5)
    count = len(beats)
    threading.Event().wait(0.05)
    assert len(beats) == count  # stopped
    assert set(beats) == {"heartbeat"}


def test_a_heartbeat_beats_every_quarter_of_the_lease(settings):
    settings.TASK_LEASE_SECONDS = 120
    assert leases.Heartbeat(lambda: None).every == 30


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_commits_from_its_own_connection(settings):
    settings.TASKS = DB_BACKEND
    result = running_refresh(timezone.now())
    with leases.Heartbeat(partial(leases.beat_task, result.pk), every=0.01):
        for _ in range(500):
            if TaskLease.objects.filter(result_id=result.pk).exists():
                break
            threading.Event().wait(0.01)
    assert TaskLease.objects.get(result_id=result.pk).heartbeat_at > result.enqueued_at


# Reaping the results of dead workers


@pytest.mark.django_db
def test_results_without_heartbeat_for_a_lease_are_failed_and_refreshes_queued_again(settings):
    settings.TASKS = DB_BACKEND
    dead = running_refresh(long_ago())
    beating = running_refresh(long_ago())
    TaskLease.objects.create(result=beating, heartbeat_at=timezone.now())
    silent_since = running_refresh(long_ago())
    TaskLease.objects.create(result=silent_since, heartbeat_at=long_ago())
    young = running_refresh(timezone.now())

    assert leases.reap_task_results() == 2

    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[dead.pk] == status[silent_since.pk] == "FAILED"
    assert status[beating.pk] == status[young.pk] == "RUNNING"
    dead.refresh_from_db()
    assert dead.exception_class_path == "mutualis.core.leases.WorkerLost"
    assert "the worker running this task died" in dead.traceback
    assert dead.finished_at is not None
    # The refresh is queued again, once per dead run.
    assert DBTaskResult.objects.filter(task_path=REFRESH, status="READY").count() == 2
    assert leases.reap_task_results() == 0


@pytest.mark.django_db
def test_tasks_not_registered_are_only_failed(settings):
    settings.TASKS = DB_BACKEND
    dead = running_refresh(long_ago())
    DBTaskResult.objects.filter(pk=dead.pk).update(task_path="mutualis.directory.tasks.other")
    assert leases.reap_task_results() == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.django_db
def test_a_busy_sqlite_database_postpones_reaping(monkeypatch, settings):
    settings.TASKS = DB_BACKEND
    running_refresh(long_ago())

    def failing(message: str):
        def update(self, **changes):
            raise OperationalError(message)

        return update

    monkeypatch.setattr(QuerySet, "update", failing("database is locked"))
    assert leases.reap_task_results() == 0  # a live write holds the lock: next time
    monkeypatch.setattr(QuerySet, "update", failing("no such table"))
    with pytest.raises(OperationalError):
        leases.reap_task_results()


@pytest.mark.django_db(transaction=True)
def test_a_worker_starting_a_task_reaps_dead_ones(settings):
    # Transactional: the worker closes connections left outside autocommit (see
    # tests/directory/test_import_page.py).
    settings.TASKS = DB_BACKEND
    dead = running_refresh(long_ago())
    refresh_observatory.enqueue()

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    # The dead refresh failed; the queued one and the one queued again both ran.
    assert statuses == ["FAILED", "SUCCESSFUL", "SUCCESSFUL"]
    assert DBTaskResult.objects.get(pk=dead.pk).status == "FAILED"
    assert not TaskLease.objects.exists() and leases._BEATING == {}
