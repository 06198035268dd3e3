"""Imports whose worker died: seen as interrupted once their lease is over (core.leases),
then relaunched or abandoned by a national administrator."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from mutualis.core import audit, leases
from mutualis.core.models import ImportRun
from mutualis.directory.tasks import enqueue_import


@leases.reaper
def mark_interrupted() -> int:
    """Mark INTERRUPTED the running imports whose heartbeat is older than the lease (the one
    place this is decided: pages reading runs and workers starting a task call it)."""
    running = ImportRun.objects.filter(status=ImportRun.Status.RUNNING)
    return leases.expire(
        leases.stale(running, "heartbeat_at", "started_at"),
        status=ImportRun.Status.INTERRUPTED,
        finished_at=timezone.now(),
        error=(
            "Le traitement s'est arrêté sans finir : le processus de fond ne donne plus "
            f"signe de vie depuis plus de {leases.lease_seconds()} secondes (arrêté ou "
            "redémarré). Rien n'a été écrit dans l'annuaire."
        ),
    )


def can_relaunch(run: ImportRun) -> bool:
    """Interrupted, not relaunched yet, its file still stored."""
    return (
        run.status == ImportRun.Status.INTERRUPTED
        and bool(run.stored_file)
        and run.stored_file.storage.exists(run.stored_file.name)
        and not run.retries.exists()
    )


def can_abandon(run: ImportRun) -> bool:
    return run.status == ImportRun.Status.INTERRUPTED and not run.retries.exists()


@transaction.atomic
def relaunch(run: ImportRun, user) -> ImportRun | None:
    """Queue the same stored file with the same options as a new run linked to the
    interrupted one (which stays in the history); None if it cannot be relaunched (any more:
    a second click finds it relaunched)."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if not can_relaunch(run):
        return None
    retry = ImportRun.objects.create(
        source="FINESS",
        file_name=run.file_name,
        stored_file=run.stored_file.name,
        dry_run=run.dry_run,
        all_domains=run.all_domains,
        allowed_closures=run.allowed_closures,
        status=ImportRun.Status.QUEUED,
        started_by=user,
        retry_of=run,
    )
    audit.record(user, "import.relaunch", run, {"relance": str(retry.uid)})
    enqueue_import(retry)
    return retry


@transaction.atomic
def abandon(run: ImportRun, user) -> bool:
    """Mark an interrupted run abandoned (its stored file stays until cleaned); False if it
    is not interrupted (any more)."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if not can_abandon(run):
        return False
    run.status = ImportRun.Status.ABANDONED
    run.save(update_fields=["status"])
    audit.record(user, "import.abandon", run)
    return True
