"""Leases of background work: a running task shows it is alive by refreshing a heartbeat; one
whose last sign of life is older than ``settings.TASK_LEASE_SECONDS`` lost its worker (process
killed, machine stopped) and is seen as interrupted.

- ``Heartbeat`` calls a ``beat`` function on a daemon thread, every quarter of the lease, with
  the thread's own database connection: phases that report no progress (planning, one long
  write transaction) still beat, and the beat is committed at once, outside the work's
  transaction. The thread dies with its process, so a killed worker stops beating.
- ``stale`` selects the rows whose last sign of life is older than the lease; ``expire``
  updates them without waiting on a busy SQLite database.
- Every django-tasks-db result run by a worker beats in ``TaskLease`` (connected to the
  ``task_started``/``task_finished`` signals in ``CoreConfig.ready``); ``reap_task_results``
  marks failed those whose worker died and queues again the tasks registered with
  ``requeue_when_interrupted``. Apps register their own reapers (``reaper``: the import
  runs); a worker starting a task runs them all (``reap``), and pages reading runs call theirs.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from mutualis.core.models import TaskLease

logger = logging.getLogger(__name__)

_REQUEUED: set[str] = set()
_REAPERS: list[Callable[[], int]] = []
_BEATING: dict[str, Heartbeat] = {}


class WorkerLost(Exception):
    """Recorded on a task result whose worker stopped beating (see ``reap_task_results``)."""


def lease_seconds() -> int:
    return settings.TASK_LEASE_SECONDS


def lease_cutoff() -> dt.datetime:
    """Signs of life older than this are too old: their worker is gone."""
    return timezone.now() - dt.timedelta(seconds=lease_seconds())


class Heartbeat:
    """Calls ``beat()`` every ``every`` seconds (a quarter of the lease by default) on a
    daemon thread while started; a failed beat (SQLite locked by a long write) is logged and
    tried again at the next one. Use as a context manager, or ``start()`` / ``stop()``."""

    def __init__(self, beat: Callable[[], object], every: float | None = None) -> None:
        self.beat = beat
        self.every = every if every is not None else max(lease_seconds() / 4, 0.01)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stopped.wait(self.every):
                try:
                    self.beat()
                except Exception:
                    logger.warning("Battement de cœur non enregistré", exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only


def stale(queryset: models.QuerySet, beat: str, since: str) -> models.QuerySet:
    """The rows of ``queryset`` whose last sign of life (``beat``, else ``since``: the start)
    is older than the lease."""
    return queryset.alias(last_sign_of_life=Coalesce(beat, since)).filter(
        last_sign_of_life__lt=lease_cutoff()
    )


def expire(queryset: models.QuerySet, **changes) -> int:
    """``queryset.update(**changes)``, or 0 when SQLite is locked by another writer: a live
    worker's write transaction, whose heartbeat cannot be committed meanwhile. Never waits
    for the lock (a page reading runs would hang); the next read tries again."""
    if not queryset.exists():  # the usual case: a read, no write lock asked for
        return 0
    try:
        with _not_waiting(queryset.db):
            return queryset.update(**changes)
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        return 0


@contextmanager
def _not_waiting(alias: str) -> Iterator[None]:
    connection = connections[alias]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (waited,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")


def reaper(function: Callable[[], int]) -> Callable[[], int]:
    """Register a function marking an app's runs whose worker died (returns how many): every
    worker starting a task calls it."""
    _REAPERS.append(function)
    return function


def reap() -> int:
    """Run every registered reaper; a failing one is logged, the others still run."""
    reaped = 0
    for function in _REAPERS:
        try:
            reaped += function()
        except DatabaseError:
            logger.exception("Travaux interrompus non relevés (%s)", function.__qualname__)
    return reaped


# Every task run by a django-tasks-db worker


def requeue_when_interrupted(task: Task) -> Task:
    """Register a task whose runs interrupted by a dead worker are queued again (idempotent
    work, such as a refresh); others are only marked failed."""
    _REQUEUED.add(task.module_path)
    return task


@reaper
def reap_task_results() -> int:
    """Mark failed the task results still RUNNING whose worker shows no sign of life for a
    lease, and queue again those of tasks registered with ``requeue_when_interrupted``.
    Returns how many were reaped."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    reaped = 0
    for result in stale(running, "lease__heartbeat_at", "started_at"):
        if not _expire_result(result):
            continue  # it beat or finished meanwhile, or the database is busy
        reaped += 1
        if result.task_path in _REQUEUED:
            args_kwargs = result.args_kwargs
            result.task.enqueue(*args_kwargs["args"], **args_kwargs["kwargs"])
    return reaped


def _expire_result(result: DBTaskResult) -> bool:
    message = (
        f"{WorkerLost.__name__}: no heartbeat for more than {lease_seconds()} s, "
        "the worker running this task died."
    )
    return bool(
        expire(
            stale(
                DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING),
                "lease__heartbeat_at",
                "started_at",
            ),
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=message,
        )
    )


def beat_task(result_id: str) -> None:
    TaskLease.objects.update_or_create(
        result_id=result_id, defaults={"heartbeat_at": timezone.now()}
    )


def task_started(sender, task_result, **_signal) -> None:
    """A worker starts a task: reap the dead ones, then beat for this one."""
    if not _is_database_backend(sender):
        return
    for result_id in list(_BEATING):  # one task at a time: a finish that was not signalled
        _BEATING.pop(result_id).stop()
    reap()
    heartbeat = Heartbeat(partial(beat_task, task_result.id))
    heartbeat.start()
    _BEATING[task_result.id] = heartbeat


def _is_database_backend(sender) -> bool:
    """The worker sends its backend, sometimes as an instance, sometimes as its class."""
    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend)


def task_finished(sender, task_result, **_signal) -> None:
    heartbeat = _BEATING.pop(task_result.id, None)
    if heartbeat is None:
        return
    heartbeat.stop()
    TaskLease.objects.filter(result_id=task_result.id).delete()
