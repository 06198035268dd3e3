"""FINESS imports from the browser: upload, background run, progress, apply."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mutualis.core.models import ImportRun
from mutualis.directory import finess_import
from mutualis.directory.finess_import import ProgressReporter
from mutualis.directory.import_views import FinessImportForm
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.tasks import queue_import
from mutualis.finess.models import Category
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.territories.loaders import load_territories
from mutualis.territories.models import Departement
from tests.directory.finess_files import geolocalisation, structureet, with_key, write_etalab
from tests.factories import UserFactory, national_admin
from tests.pages import text, words

EJ = with_key("01078999")
EHPAD, SSIAD = with_key("01000998"), with_key("01000997")
IMPORTS = reverse("directory:imports")
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(client):
    client.force_login(national_admin())
    return client


def etalab_upload(tmp_path: Path, name: str = "etalab-cs1100507.csv") -> SimpleUploadedFile:
    path = write_etalab(
        tmp_path / name,
        "2026-01-01",
        [
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS"),
            structureet(SSIAD, EJ, "SSIAD DU BUGEY", category="354"),
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS (DOUBLON)"),
            geolocalisation(EHPAD, 870262.2, 6571540.8),
        ],
    )
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def upload(client, file, callbacks, **options):
    with callbacks(execute=True):
        return client.post(IMPORTS, {"file": file, **options})


def run_url(run: ImportRun, name: str = "directory:import_run") -> str:
    return reverse(name, args=[run.uid])


# Permissions


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(IMPORTS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_only_national_administrators_see_imports(client):
    run = ImportRun.objects.create(source="FINESS", file_name="x.csv", sha256="")
    client.force_login(UserFactory())
    for url in (IMPORTS, run_url(run), run_url(run, "directory:import_run_progress")):
        assert client.get(url).status_code == 403
    assert client.post(run_url(run, "directory:import_run_apply")).status_code == 403
    assert client.post(IMPORTS, {}).status_code == 403


@pytest.mark.django_db
def test_the_imports_page_shows_the_form_and_an_empty_history(admin_client):
    response = admin_client.get(IMPORTS)
    assert response.status_code == 200
    page = text(response)
    assert "<h1>Imports FINESS</h1>" in page
    assert 'type="file"' in page and "Écrire dans l'annuaire" in page
    assert "Inclure les établissements sanitaires" in page
    assert "Aucun import pour l'instant." in page


@pytest.mark.django_db
def test_the_dashboard_links_national_administrators_to_imports(client):
    client.force_login(national_admin())
    assert IMPORTS in text(client.get(reverse("accounts:dashboard")))
    client.force_login(UserFactory())
    assert IMPORTS not in text(client.get(reverse("accounts:dashboard")))


# Upload, simulation, application


@pytest.mark.django_db
def test_an_upload_runs_a_simulation_that_writes_nothing(
    admin_client, tmp_path, media_root, django_capture_on_commit_callbacks
):
    response = upload(admin_client, etalab_upload(tmp_path), django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == run_url(run)
    assert run.status == ImportRun.Status.DONE and run.dry_run
    assert run.file_name == "etalab-cs1100507.csv"
    assert run.source == "FINESS (etalab-establishments)"
    assert run.counts["ajoutés"] == 2 and run.counts["rejetés"] == 1
    assert len(run.sha256) == 64 and run.started_by is not None
    stored = media_root / "imports" / str(run.uid) / "etalab-cs1100507.csv"
    assert stored.is_file() and run.stored_file.path == str(stored)
    assert Establishment.objects.count() == 0 and ManagingBody.objects.count() == 0

    page = words(admin_client.get(run_url(run)))
    assert "Simulation terminée" in page and "Rien n'a été écrit dans l'annuaire" in page
    assert "Ajoutés 2" in page
    assert f"4 {EHPAD} Numéro FINESS en double (déjà lu ligne 2)" in page
    assert "Appliquer cet import" in page
    history = words(admin_client.get(IMPORTS))
    assert "etalab-cs1100507.csv" in history and "Simulation" in history
    assert "Terminé" in history and "ajoutés : 2" in history


@pytest.mark.django_db
def test_applying_a_simulation_writes_the_same_file(
    admin_client, tmp_path, django_capture_on_commit_callbacks
):
    upload(admin_client, etalab_upload(tmp_path), django_capture_on_commit_callbacks)
    simulation = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(run_url(simulation, "directory:import_run_apply"))
    written = ImportRun.objects.get(dry_run=False)
    assert response.url == run_url(written)
    assert written.status == ImportRun.Status.DONE
    assert written.stored_file.name == simulation.stored_file.name
    assert written.counts["ajoutés"] == 2
    assert set(Establishment.objects.values_list("finess", flat=True)) == {EHPAD, SSIAD}
    assert "Import écrit dans l'annuaire" in words(admin_client.get(run_url(written)))

    page = words(admin_client.get(run_url(simulation)))
    assert "Appliquer cet import" not in page and "Cette simulation a été appliquée" in page
    # A second click does not queue the file again.
    response = admin_client.post(run_url(simulation, "directory:import_run_apply"), follow=True)
    assert "ne peut pas être appliquée" in text(response)
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db
def test_checking_write_imports_into_the_directory_directly(
    admin_client, tmp_path, django_capture_on_commit_callbacks
):
    upload(
        admin_client,
        etalab_upload(tmp_path, "finess.csv"),
        django_capture_on_commit_callbacks,
        wet_run="on",
        all_domains="on",
    )
    run = ImportRun.objects.get()
    assert not run.dry_run and run.all_domains and run.status == ImportRun.Status.DONE
    assert Establishment.objects.count() == 2
    assert "Appliquer cet import" not in text(admin_client.get(run_url(run)))


# Bad files


@pytest.mark.django_db
def test_other_extensions_are_refused_with_a_french_error(admin_client, tmp_path):
    notes = SimpleUploadedFile("notes.txt", b"finess;etalab;0;2026-01-01\r\n")
    response = admin_client.post(IMPORTS, {"file": notes})
    assert response.status_code == 200
    assert "Format de fichier non accepté" in text(response)
    assert ImportRun.objects.count() == 0


def test_files_over_the_upload_limit_are_refused(settings):
    big = SimpleUploadedFile("finess.csv.gz", b"\x1f\x8b")
    big.size = 201 * 1024 * 1024
    form = FinessImportForm(data={}, files={"file": big})
    assert not form.is_valid()
    assert form.errors["file"] == ["Le fichier pèse 201 Mo : la taille maximale est de 200 Mo."]
    assert "Taille maximale : 200 Mo." in form.fields["file"].help_text
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_MAX_UPLOAD_MB": 300}
    form = FinessImportForm(data={}, files={"file": big})
    assert form.is_valid()
    assert "Taille maximale : 300 Mo." in form.fields["file"].help_text
    for name in ("a.csv", "a.csv.gz", "a.gz", "a.json", "a.JSON.GZ"):
        form = FinessImportForm(data={}, files={"file": SimpleUploadedFile(name, b"x")})
        assert form.is_valid(), name


@pytest.mark.django_db
def test_a_file_that_is_not_finess_fails_the_run_with_a_french_message(
    admin_client, django_capture_on_commit_callbacks
):
    other = SimpleUploadedFile("annuaire.csv", b"nom;ville\r\nEHPAD;Bourg\r\n")
    upload(admin_client, other, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.finished_at is not None
    assert run.error.startswith("Ce fichier n'est pas un fichier FINESS reconnu")
    page = words(admin_client.get(run_url(run)))
    assert "L'import a échoué" in page
    assert "Rien n'a été écrit dans l'annuaire." in page
    assert "Appliquer cet import" not in page


@pytest.mark.django_db
def test_an_error_while_writing_fails_the_run_and_writes_nothing(
    admin_client, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    def broken():
        raise RuntimeError("disque plein")

    # Called at the very end of apply_plan's transaction: everything before is rolled back.
    monkeypatch.setattr(finess_import, "refresh_establishment_counts", broken)
    upload(admin_client, etalab_upload(tmp_path), django_capture_on_commit_callbacks, wet_run="on")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.error.startswith("Erreur inattendue pendant l'import (RuntimeError) : disque plein")
    assert Establishment.objects.count() == 0 and ManagingBody.objects.count() == 0


# Progress


def test_progress_labels_are_french():
    run = ImportRun(status=ImportRun.Status.QUEUED)
    assert run.progress_label == "En attente de traitement"
    run.status = ImportRun.Status.RUNNING
    run.phase, run.processed = ImportRun.Phase.READING, 45000
    assert run.progress_label == "Lecture : 45\u00a0000 lignes lues"
    run.phase, run.processed, run.to_process = ImportRun.Phase.WRITING, 0, 48856
    assert run.progress_label == "Écriture : 48\u00a0856 établissements à écrire"
    run.processed = 12000
    assert run.progress_label == "Écriture : 12\u00a0000 / 48\u00a0856 établissements"
    run.status = ImportRun.Status.DONE
    assert run.progress_label == "Terminé"


@pytest.mark.django_db
def test_progress_is_saved_every_5000_rows_or_2_seconds():
    run = ImportRun.objects.create(source="FINESS", file_name="x.csv", sha256="")
    now = [100.0]
    reporter = ProgressReporter(run, clock=lambda: now[0])

    def stored() -> tuple[str, str, int]:
        run_ = ImportRun.objects.get(pk=run.pk)
        return run_.status, run_.phase, run_.processed

    reporter.start(ImportRun.Phase.READING)
    assert stored() == ("running", "lecture", 0)
    reporter.read(4000)
    assert stored()[2] == 0  # neither 5 000 rows nor 2 s since the last save
    reporter.read(5000)
    assert stored()[2] == 5000
    now[0] += 2.5
    reporter.read(6000)
    assert stored()[2] == 6000
    reporter.start(ImportRun.Phase.WRITING, to_process=12000)
    for _ in range(3):
        reporter.wrote(2000)
    # Written rows are counted, not saved: inside apply_plan's transaction nobody would see
    # them, and the run's row would be locked against its heartbeat.
    assert stored() == ("running", "écriture", 0) and reporter.run.processed == 6000
    assert ImportRun.objects.get(pk=run.pk).to_process == 12000


@pytest.mark.django_db
def test_the_run_page_polls_while_the_run_is_queued_or_running(admin_client, tmp_path):
    # In the test transaction the task is not enqueued: the run stays queued.
    run = queue_import(etalab_upload(tmp_path), wet_run=False, all_domains=False, user=None)
    page = text(admin_client.get(run_url(run)))
    assert "En attente de traitement" in page
    assert 'hx-trigger="every 2s"' in page

    run.status, run.phase, run.processed = ImportRun.Status.RUNNING, "lecture", 45000
    run.save()
    page = text(admin_client.get(run_url(run)))
    assert 'aria-live="polite"' in page
    assert 'hx-trigger="every 2s"' in page and 'hx-swap="outerHTML"' in page
    assert "Lecture : 45\u00a0000 lignes lues" in page
    assert "Appliquer cet import" not in page
    progress = run_url(run, "directory:import_run_progress")
    fragment = admin_client.get(progress, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in text(fragment)
    assert "hx-swap-oob" not in text(fragment)
    unchanged = admin_client.get(progress, {"vu": "running-lecture-45000"})
    assert unchanged.status_code == 204

    run.status, run.counts = ImportRun.Status.DONE, {"ajoutés": 2}
    run.save()
    fragment = text(admin_client.get(progress, {"vu": "running-lecture-45000"}))
    assert "hx-trigger" not in fragment  # polling stops
    assert 'id="resultats-import" hx-swap-oob="true"' in fragment
    assert "Appliquer cet import" in fragment


# The real queue: the database backend and its worker


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_import(settings, tmp_path):
    # Transactional: between tasks the worker closes any connection left outside autocommit
    # (close_old_connections), which ends a test transaction on PostgreSQL. Transactional
    # tests run last and flush the database: reload the reference data if already gone.
    if not Departement.objects.exists():
        load_territories()
    if not Category.objects.exists():
        load_nomenclatures()
    settings.TASKS = DB_BACKEND
    run = queue_import(etalab_upload(tmp_path), wet_run=True, all_domains=False, user=None)
    imports = DBTaskResult.objects.filter(task_path="mutualis.directory.tasks.import_finess_file")
    assert imports.get().status == "READY" and run.status == ImportRun.Status.QUEUED

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.error
    assert run.phase == ImportRun.Phase.WRITING and run.processed == run.to_process == 2
    assert Establishment.objects.count() == 2
    assert imports.get().status == "SUCCESSFUL"
