"""A worker killed in the middle of an import: the run is seen as interrupted after the lease,
nothing half-written, and a national administrator relaunches or abandons it."""

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mutualis.core import leases
from mutualis.core.models import AuditLog, ImportRun
from mutualis.directory import import_runs
from mutualis.directory.finess_import import RunInterrupted, beat, run_import
from mutualis.directory.models import Establishment
from mutualis.directory.tasks import queue_import
from mutualis.finess.models import Category
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.territories.loaders import load_territories
from mutualis.territories.models import Departement
from tests.directory.finess_files import geolocalisation, structureet, with_key, write_etalab
from tests.factories import UserFactory, national_admin
from tests.pages import text, words

EJ = with_key("01078999")
EHPAD, SSIAD, FAM = with_key("01000998"), with_key("01000997"), with_key("01000996")


class WorkerKilled(BaseException):
    """Stands for SIGKILL: no ``except Exception`` of the import runs, only rollbacks."""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_client(client):
    client.force_login(national_admin())
    return client


def first_file(tmp_path: Path) -> Path:
    return write_etalab(
        tmp_path / "v1.csv",
        "2026-01-01",
        [
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS"),
            structureet(SSIAD, EJ, "SSIAD DU BUGEY", category="354"),
            geolocalisation(EHPAD, 870262.2, 6571540.8),
        ],
    )


def newer_upload(tmp_path: Path) -> SimpleUploadedFile:
    """Renames both establishments and adds a third (no closure)."""
    path = write_etalab(
        tmp_path / "v2.csv",
        "2026-02-01",
        [
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS RENOVE"),
            structureet(SSIAD, EJ, "SSIAD DU BUGEY NORD", category="354"),
            structureet(FAM, EJ, "FAM LES GENETS", category="437"),
            geolocalisation(EHPAD, 870262.2, 6571540.8),
        ],
    )
    return SimpleUploadedFile("v2.csv", path.read_bytes(), content_type="text/csv")


def directory_state() -> list[tuple]:
    return list(Establishment.objects.order_by("finess").values_list("finess", "name", "is_closed"))


def queued_run(tmp_path: Path, *, wet_run: bool = True) -> ImportRun:
    # In the test transaction the task is not enqueued (on commit): the run stays queued.
    return queue_import(newer_upload(tmp_path), wet_run=wet_run, all_domains=False, user=None)


def kill_mid_write(run: ImportRun) -> None:
    """Run the queued import in this process and kill it after its first written batch."""
    batches = []

    def killed(rows: int) -> None:
        batches.append(rows)
        raise WorkerKilled

    with pytest.raises(WorkerKilled):
        run_import(Path(run.stored_file.path), wet_run=True, run=run, on_write=killed)
    assert batches, "the kill happened after rows were written in the transaction"


def lease_passes(run: ImportRun) -> None:
    """Its last heartbeat (and its start) now lie more than a lease away."""
    old = timezone.now() - dt.timedelta(seconds=leases.lease_seconds() + 1)
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=old, started_at=old)


def run_url(run: ImportRun, name: str = "directory:import_run") -> str:
    return reverse(name, args=[run.uid])


@pytest.fixture
def interrupted(tmp_path) -> ImportRun:
    run_import(first_file(tmp_path), wet_run=True)
    run = queued_run(tmp_path)
    kill_mid_write(run)
    lease_passes(run)
    assert import_runs.mark_interrupted() == 1
    run.refresh_from_db()
    return run


# The lease


@pytest.mark.django_db
def test_a_worker_killed_mid_write_leaves_nothing_half_written(tmp_path):
    run_import(first_file(tmp_path), wet_run=True)
    before = directory_state()
    run = queued_run(tmp_path)
    kill_mid_write(run)

    assert directory_state() == before
    run.refresh_from_db()
    # Its last sign of life: the start of the write phase.
    assert run.status == ImportRun.Status.RUNNING and run.phase == ImportRun.Phase.WRITING
    assert run.heartbeat_at is not None
    assert import_runs.mark_interrupted() == 0  # still within its lease

    lease_passes(run)
    assert import_runs.mark_interrupted() == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.INTERRUPTED and run.finished_at is not None
    assert run.progress_label == "Interrompu"
    assert "Rien n'a été écrit dans l'annuaire." in run.error
    assert directory_state() == before


@pytest.mark.django_db
def test_a_fresh_heartbeat_keeps_a_long_run_running(tmp_path):
    run = queued_run(tmp_path)
    lease_passes(run)  # started long ago…
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.RUNNING, heartbeat_at=timezone.now()
    )  # …but beat just now
    assert import_runs.mark_interrupted() == 0
    queued = queued_run(tmp_path)
    lease_passes(queued)  # waiting for a worker is not being interrupted
    assert import_runs.mark_interrupted() == 0
    assert ImportRun.objects.get(pk=queued.pk).status == ImportRun.Status.QUEUED


@pytest.mark.django_db
def test_workers_mark_interrupted_imports_when_they_start_a_task(tmp_path):
    run = queued_run(tmp_path)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    lease_passes(run)
    leases.reap()  # what every worker runs when it starts a task
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.INTERRUPTED


@pytest.mark.django_db
@pytest.mark.parametrize("wet_run", [True, False])
def test_a_worker_that_lost_its_lease_stops_and_writes_nothing(tmp_path, wet_run):
    """Marked interrupted while it still ran (too slow to beat): it must not go on, since the
    run may be relaunched. It stops at its next save (the written run, before writing) or at
    its final check (the simulation), and the run stays interrupted."""
    run_import(first_file(tmp_path), wet_run=True)
    before = directory_state()
    run = queued_run(tmp_path, wet_run=wet_run)

    def seen_dead(_lines: int) -> None:  # another connection marks it, outside any write
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.INTERRUPTED)

    with pytest.raises(RunInterrupted):
        run_import(Path(run.stored_file.path), wet_run=wet_run, run=run, on_read=seen_dead)
    assert directory_state() == before
    stored = ImportRun.objects.get(pk=run.pk)
    assert stored.status == ImportRun.Status.INTERRUPTED and stored.counts == {}


# The pages


@pytest.mark.django_db
def test_pages_show_an_interrupted_run_with_relaunch_and_abandon(admin_client, tmp_path):
    run_import(first_file(tmp_path), wet_run=True)
    run = queued_run(tmp_path)
    kill_mid_write(run)
    lease_passes(run)
    # Reading the list marks it: nothing else has to run.
    history = words(admin_client.get(reverse("directory:imports")))
    assert "v2.csv" in history and "Interrompu" in history
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.INTERRUPTED

    page = text(admin_client.get(run_url(run)))
    assert "Import interrompu" in page and "Rien n'a été écrit dans l'annuaire." in page
    assert "hx-trigger" not in page  # no more polling
    assert f'action="{run_url(run, "directory:import_run_relaunch")}"' in page
    assert f'action="{run_url(run, "directory:import_run_abandon")}"' in page
    assert "Relancer" in page and "Abandonner" in page


@pytest.mark.django_db
def test_polling_a_run_whose_worker_died_shows_it_interrupted(admin_client, tmp_path):
    run = queued_run(tmp_path)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, phase="lecture")
    lease_passes(run)
    fragment = text(
        admin_client.get(run_url(run, "directory:import_run_progress"), {"vu": "running-lecture-0"})
    )
    assert "Interrompu" in fragment and "hx-trigger" not in fragment
    assert 'id="resultats-import" hx-swap-oob="true"' in fragment and "Relancer" in fragment


@pytest.mark.django_db
def test_relaunching_queues_the_same_file_and_options_as_a_linked_run(
    admin_client, interrupted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(run_url(interrupted, "directory:import_run_relaunch"))
    retry = ImportRun.objects.get(retry_of=interrupted)
    assert response.url == run_url(retry)
    assert retry.stored_file.name == interrupted.stored_file.name
    assert (retry.dry_run, retry.all_domains) == (False, False)
    assert retry.status == ImportRun.Status.DONE, retry.error  # run inline by the test backend
    assert [name for _, name, _ in directory_state()] == [
        "FAM LES GENETS",
        "SSIAD DU BUGEY NORD",
        "EHPAD LES TILLEULS RENOVE",
    ]
    assert "Relance de l'import interrompu du" in words(admin_client.get(run_url(retry)))

    interrupted.refresh_from_db()
    assert interrupted.status == ImportRun.Status.INTERRUPTED  # kept in the history
    page = words(admin_client.get(run_url(interrupted)))
    assert "Cet import a été relancé" in page and "Abandonner" not in page
    assert AuditLog.objects.filter(action="import.relaunch").count() == 1
    # A second click queues nothing more.
    again = admin_client.post(run_url(interrupted, "directory:import_run_relaunch"), follow=True)
    assert "ne peut pas être relancé" in text(again)
    assert ImportRun.objects.filter(retry_of=interrupted).count() == 1


@pytest.mark.django_db
def test_abandoning_keeps_the_run_and_its_file(admin_client, interrupted):
    response = admin_client.post(run_url(interrupted, "directory:import_run_abandon"), follow=True)
    assert "Import de v2.csv abandonné." in text(response)
    interrupted.refresh_from_db()
    assert interrupted.status == ImportRun.Status.ABANDONED
    assert Path(interrupted.stored_file.path).is_file()
    page = words(response)
    assert "Import interrompu, puis abandonné" in page and "Relancer" not in page
    assert "Abandonné" in words(admin_client.get(reverse("directory:imports")))
    assert AuditLog.objects.filter(action="import.abandon").count() == 1
    again = admin_client.post(run_url(interrupted, "directory:import_run_abandon"), follow=True)
    assert "ne peut pas être abandonné" in text(again)
    relaunch = admin_client.post(run_url(interrupted, "directory:import_run_relaunch"))
    assert relaunch.status_code == 302 and not ImportRun.objects.filter(retry_of=interrupted)


@pytest.mark.django_db
def test_only_interrupted_runs_are_relaunched_or_abandoned(admin_client, tmp_path):
    run = queued_run(tmp_path)
    for name in ("directory:import_run_relaunch", "directory:import_run_abandon"):
        admin_client.post(run_url(run, name))
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.QUEUED
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db
def test_only_national_administrators_relaunch_or_abandon(client, interrupted):
    client.force_login(UserFactory())
    for name in ("directory:import_run_relaunch", "directory:import_run_abandon"):
        assert client.post(run_url(interrupted, name)).status_code == 403
    client.force_login(national_admin())
    for name in ("directory:import_run_relaunch", "directory:import_run_abandon"):
        assert client.get(run_url(interrupted, name)).status_code == 405
    assert ImportRun.objects.get(pk=interrupted.pk).status == ImportRun.Status.INTERRUPTED


@pytest.mark.django_db(transaction=True)
def test_during_the_write_transaction_the_heartbeat_commits_and_pages_do_not_wait(
    settings, tmp_path
):
    """PostgreSQL: the write holds no lock on its run, so the heartbeat (its own connection)
    commits meanwhile and a page marking interrupted runs sees it, without waiting."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database shares one cache: no concurrent connections")
    if not Departement.objects.exists():  # flushed by an earlier transactional test
        load_territories()
    if not Category.objects.exists():
        load_nomenclatures()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run = queued_run(tmp_path)
    seen = {}

    def other_connection() -> None:
        leases_before = ImportRun.objects.get(pk=run.pk).heartbeat_at
        lease_passes(run)  # as if the last beat were old…
        beat(run.pk)  # …the heartbeat thread beats…
        seen["marked"] = import_runs.mark_interrupted()  # …and a page reads the runs
        seen["beat_after"] = ImportRun.objects.get(pk=run.pk).heartbeat_at > leases_before
        connection.close()

    def mid_write(_rows: int) -> None:
        thread = threading.Thread(target=other_connection)
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive(), "blocked by the write transaction"

    run_import(Path(run.stored_file.path), wet_run=True, run=run, on_write=mid_write)
    assert seen == {"marked": 0, "beat_after": True}
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.DONE
    assert Establishment.objects.count() == 3
