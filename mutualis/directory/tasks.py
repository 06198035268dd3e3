"""Background tasks of the directory (django-tasks, run by ``manage.py db_worker``)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from django.db import transaction
from django_tasks import task

from mutualis.core.models import ImportRun
from mutualis.directory.finess_import import run_import
from mutualis.finess.records import NotAFinessFile


@task()
def import_finess_file(run_uid: str, path: str, wet_run: bool, all_domains: bool) -> str:
    """Fill the queued ImportRun ``run_uid`` by importing the FINESS file at ``path``.

    Returns the run's final status. A file that is not a FINESS file is an expected outcome
    (the run shows why); any other error, already recorded on the run, fails the task too.
    """
    run = ImportRun.objects.filter(uid=run_uid).select_related("started_by").first()
    if run is None or run.status != ImportRun.Status.QUEUED:
        return "skipped"  # deleted, or already taken by another worker
    try:
        run, _plan = run_import(
            Path(path),
            wet_run=wet_run,
            all_domains=all_domains,
            actor=run.started_by,
            run=run,
            allowed_closures=run.allowed_closures,
        )
    except NotAFinessFile:
        return ImportRun.Status.FAILED.value
    return run.status


def queue_import(upload, *, wet_run: bool, all_domains: bool, user) -> ImportRun:
    """Store an uploaded file under MEDIA_ROOT/imports/<uuid>/ and queue its import."""
    run = ImportRun(
        source="FINESS",
        file_name=Path(upload.name).name[:255],
        dry_run=not wet_run,
        all_domains=all_domains,
        status=ImportRun.Status.QUEUED,
        started_by=user,
    )
    run.stored_file.save(upload.name, upload, save=False)
    with transaction.atomic():
        run.save()
        enqueue_import(run)
    return run


def applied_run(dry_run: ImportRun) -> ImportRun | None:
    """The written run queued from a simulation, if any."""
    if not dry_run.stored_file:
        return None
    return (
        ImportRun.objects.filter(stored_file=dry_run.stored_file.name, dry_run=False)
        .order_by("started_at")
        .first()
    )


def can_apply(dry_run: ImportRun) -> bool:
    """A finished simulation of a file still stored, not applied yet."""
    return (
        dry_run.dry_run
        and dry_run.status == ImportRun.Status.DONE
        and bool(dry_run.stored_file)
        and dry_run.stored_file.storage.exists(dry_run.stored_file.name)
        and applied_run(dry_run) is None
    )


def queue_application(
    dry_run: ImportRun, user, allowed_closures: int | None = None
) -> ImportRun | None:
    """Queue the written import of the file a simulation read (planned again when it runs,
    against the directory as it is then, and written if not held or if its count to confirm
    is ``allowed_closures``); None if the simulation cannot be applied (any more: a second
    click finds it applied)."""
    with transaction.atomic():
        dry_run = ImportRun.objects.select_for_update().get(pk=dry_run.pk)
        if not can_apply(dry_run):
            return None
        run = ImportRun.objects.create(
            source=dry_run.source,
            file_name=dry_run.file_name,
            stored_file=dry_run.stored_file.name,
            dry_run=False,
            all_domains=dry_run.all_domains,
            status=ImportRun.Status.QUEUED,
            started_by=user,
            allowed_closures=allowed_closures,
        )
        enqueue_import(run)
    return run


def enqueue_import(run: ImportRun) -> None:
    """Queue the import of a run's stored file once the current transaction commits (the
    worker must find the run, and nothing is queued if the transaction rolls back)."""
    transaction.on_commit(
        partial(
            import_finess_file.enqueue,
            run_uid=str(run.uid),
            path=run.stored_file.path,
            wet_run=not run.dry_run,
            all_domains=run.all_domains,
        )
    )
