"""Keep the observatory's cached figures fresh: refreshed in the background after writes."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from mutualis.core import leases
from mutualis.observatory import selectors

QUEUED_KEY = "observatory:refresh-queued"


@leases.requeue_when_interrupted  # a worker dying mid-refresh leaves stale figures
@task()
def refresh_observatory() -> None:
    cache.delete(QUEUED_KEY)
    selectors.refresh()


def schedule_refresh(**_signal) -> None:
    """Queue a refresh once the current transaction commits; writes made while one is
    queued share it."""
    transaction.on_commit(_enqueue_once)


def request_refresh() -> None:
    """Queue a refresh now (a page found no stored figures for its view)."""
    _enqueue_once()


def _enqueue_once() -> None:
    if cache.add(QUEUED_KEY, True, timeout=300):
        refresh_observatory.enqueue()


def after_import(instance, **_signal) -> None:
    if not instance.dry_run and instance.status == instance.Status.DONE:
        schedule_refresh()
