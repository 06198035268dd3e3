"""A plan closing or moving more than the threshold is held: nothing is written until a
national administrator (or ``--allow-closures``) confirms the planned count."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from mutualis.core.models import ImportChange, ImportRun
from mutualis.directory.finess_import import run_import
from mutualis.directory.models import Establishment
from tests.directory.finess_files import etalab_lines, open_directory, write_etalab
from tests.factories import UserFactory, national_admin
from tests.pages import text, words

IMPORTS = reverse("directory:imports")


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    """Held beyond 3 closures or moves (the 1 % of 50 ESSMS is less)."""
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_HOLD_MINIMUM": 3}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def directory(db):
    return open_directory({"01": 20, "69": 20, "75": 10})


def regional_file(directory, tmp_path: Path) -> Path:
    """The Auvergne-Rhône-Alpes extract without 4 EHPADs of the Ain and 4 of the Rhône
    (80 % of each: both covered), the first of the Ain renamed."""
    lines = etalab_lines(directory["01"][4:] + directory["69"][4:])
    lines[0] = lines[0].replace("EHPAD 01 4", "EHPAD 01 QUATRE")
    return write_etalab(tmp_path / "ara.csv", "2026-02-01", lines)


def closed() -> set[str]:
    return set(Establishment.objects.filter(is_closed=True).values_list("finess", flat=True))


def planned_closures(directory) -> list[str]:
    return sorted(e.finess for e in directory["01"][:4] + directory["69"][:4])


# run_import and the command


@pytest.mark.django_db
def test_a_held_plan_writes_nothing_without_the_confirmed_count(directory, tmp_path):
    run, plan = run_import(regional_file(directory, tmp_path), wet_run=True)
    assert plan.held and sorted(plan.closed) == planned_closures(directory)
    assert plan.closures_by_departement == {"01": 4, "69": 4}
    assert plan.held_reason.startswith(
        "Import retenu : 8 fermetures prévues, au-delà du seuil de 3"
    )
    assert run.dry_run and run.status == ImportRun.Status.DONE
    assert run.hold["to_confirm"] == 8 and run.hold["reason"] == plan.held_reason
    assert run.hold["refused"] == (
        "Rien n'a été écrit : confirmation attendue pour 8 fermetures prévues."
    )
    assert closed() == set()
    assert not Establishment.objects.filter(name="EHPAD 01 QUATRE").exists()
    kept = run.changes.values_list("kind", "departement").order_by("kind", "departement")
    assert list(kept) == [(ImportChange.Kind.CLOSED, "01")] * 4 + [
        (ImportChange.Kind.CLOSED, "69")
    ] * 4 + [(ImportChange.Kind.CHANGED, "01")]

    run, _plan = run_import(regional_file(directory, tmp_path), wet_run=True, allowed_closures=7)
    assert run.dry_run and "le nombre confirmé (7) ne correspond pas" in run.hold["refused"]
    assert closed() == set()


@pytest.mark.django_db
def test_the_confirmed_count_writes_a_held_plan(directory, tmp_path):
    run, plan = run_import(regional_file(directory, tmp_path), wet_run=True, allowed_closures=8)
    assert plan.held and not run.dry_run and run.allowed_closures == 8
    assert "refused" not in run.hold
    assert sorted(closed()) == planned_closures(directory)
    assert Establishment.objects.filter(name="EHPAD 01 QUATRE").exists()


@pytest.mark.django_db
def test_moves_alone_beyond_the_threshold_are_confirmed_by_their_count(directory, tmp_path):
    lines = etalab_lines(directory["75"])
    lines[:5] = [line.replace("01000 BOURG EN BRESSE", "75001 PARIS") for line in lines[:5]]
    path = write_etalab(tmp_path / "paris.csv", "2026-02-01", lines)
    run, plan = run_import(path, wet_run=True, allowed_closures=0)
    assert plan.held and plan.closed == [] and len(plan.moved) == 5
    assert plan.moves_by_departement == {"75": 5}
    assert plan.hold.what == "déplacements" and run.dry_run
    assert "5 déplacements prévus" in plan.held_reason
    run, _plan = run_import(path, wet_run=True, allowed_closures=5)
    assert not run.dry_run
    assert Establishment.objects.filter(city="PARIS").count() == 5
    change = ImportChange.objects.filter(run=run, kind=ImportChange.Kind.MOVED).first()
    assert "code postal : 01000 → 75001 ; commune : BOURG EN BRESSE → PARIS" in change.detail


@pytest.mark.django_db
def test_the_command_refuses_a_held_plan_without_allow_closures(directory, tmp_path, capsys):
    path = regional_file(directory, tmp_path)
    call_command("import_finess", str(path), verbosity=0)  # a simulation: warned, exit 0
    out = capsys.readouterr().out
    assert "Import retenu : 8 fermetures prévues" in out
    assert "  01 : 4, 0" in out and "  69 : 4, 0" in out
    assert "Pour l'écrire : --wet-run --allow-closures 8" in out

    with pytest.raises(CommandError, match="confirmation attendue pour 8 fermetures"):
        call_command("import_finess", str(path), "--wet-run", verbosity=0)
    with pytest.raises(CommandError, match=r"le nombre confirmé \(9\) ne correspond pas"):
        call_command("import_finess", str(path), "--wet-run", "--allow-closures", "9", verbosity=0)
    assert closed() == set()

    call_command("import_finess", str(path), "--wet-run", "--allow-closures", "8", verbosity=0)
    assert "Import écrit dans la base." in capsys.readouterr().out
    assert sorted(closed()) == planned_closures(directory)


# The browser


@pytest.fixture
def admin_client(client):
    client.force_login(national_admin())
    return client


def simulate(client, path: Path, callbacks) -> ImportRun:
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    with callbacks(execute=True):
        client.post(IMPORTS, {"file": upload})
    return ImportRun.objects.get()


def url(run: ImportRun, name: str = "directory:import_run") -> str:
    return reverse(name, args=[run.uid])


@pytest.mark.django_db
def test_a_held_simulation_warns_and_applies_only_the_typed_count(
    admin_client, directory, tmp_path, django_capture_on_commit_callbacks
):
    simulation = simulate(
        admin_client, regional_file(directory, tmp_path), django_capture_on_commit_callbacks
    )
    page = words(admin_client.get(url(simulation)))
    assert "Import retenu : confirmation nécessaire" in page
    assert "Import retenu : 8 fermetures prévues, au-delà du seuil de 3 établissements" in page
    counts = "01 (4 fermetures, 0 déplacement) ; 69 (4 fermetures, 0 déplacement)."
    assert f"Par département : {counts}" in page
    assert "01 4 0 69 4 0" in page  # the table of closures and moves per département
    assert (
        "Télécharger la liste des fermetures, déplacements et modifications CSV – 9 lignes" in page
    )
    assert "Nombre de fermetures à confirmer" in page and "Appliquer cet import" not in page
    assert "fr-alert--error" in text(admin_client.get(url(simulation)))
    assert "Simulation retenue" in words(admin_client.get(IMPORTS))

    apply = url(simulation, "directory:import_run_apply")
    with django_capture_on_commit_callbacks(execute=True):
        wrong = admin_client.post(apply, {"count": "80"})
    assert wrong.status_code == 200
    assert "Import non appliqué : corrigez le nombre à confirmer. Rien n'a été écrit." in text(
        wrong
    )
    assert (
        "Le nombre saisi (80) ne correspond pas aux 8 fermetures prévues : rien n'a été écrit."
        in (text(wrong))
    )
    assert ImportRun.objects.count() == 1 and closed() == set()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(apply, {"count": "8"})
    written = ImportRun.objects.get(dry_run=False)
    assert response.url == url(written) and written.allowed_closures == 8
    assert sorted(closed()) == planned_closures(directory)
    page = words(admin_client.get(url(written)))
    assert "Import écrit dans l'annuaire" in page
    assert "Import retenu puis confirmé : 8 fermetures prévues." in page


@pytest.mark.django_db
def test_a_written_run_planning_another_count_writes_nothing(
    admin_client, directory, tmp_path, django_capture_on_commit_callbacks
):
    simulation = simulate(
        admin_client, regional_file(directory, tmp_path), django_capture_on_commit_callbacks
    )
    # Meanwhile one of the eight is closed by hand: seven closures are planned now.
    Establishment.objects.filter(finess=directory["01"][0].finess).update(is_closed=True)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url(simulation, "directory:import_run_apply"), {"count": "8"})
    run = ImportRun.objects.exclude(pk=simulation.pk).get()
    assert run.dry_run and run.allowed_closures == 8 and run.hold["closures"] == 7
    assert closed() == {directory["01"][0].finess}
    page = words(admin_client.get(url(run)))
    assert (
        "Rien n'a été écrit : le nombre confirmé (8) ne correspond pas aux 7 fermetures prévues "
        "au moment de l'écriture." in page
    )
    assert "Nombre de fermetures à confirmer" in page  # it can be confirmed again


@pytest.mark.django_db
def test_below_the_threshold_the_report_lists_closures_and_moves(
    admin_client, directory, tmp_path, django_capture_on_commit_callbacks
):
    lines = etalab_lines(directory["01"][1:])
    lines[0] = lines[0].replace("01000 BOURG EN BRESSE", "01090 MONTMERLE SUR SAONE")
    path = write_etalab(tmp_path / "ain.csv", "2026-02-01", lines)
    simulation = simulate(admin_client, path, django_capture_on_commit_callbacks)
    assert not simulation.hold
    page = words(admin_client.get(url(simulation)))
    assert "Simulation terminée" in page and "Import retenu" not in page
    first, second = directory["01"][0], directory["01"][1]
    assert f"Fermeture {first.finess} {first.name} 01 BOURG EN BRESSE fermé au 01/02/2026" in page
    assert (
        f"Déplacement {second.finess} {second.name} 01 MONTMERLE SUR SAONE "
        "code postal : 01000 → 01090 ; commune : BOURG EN BRESSE → MONTMERLE SUR SAONE"
    ) in page
    assert "Appliquer cet import" in page


@pytest.mark.django_db
def test_the_planned_changes_download_as_csv_for_national_administrators_only(
    client, directory, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(national_admin())
    simulation = simulate(
        client, regional_file(directory, tmp_path), django_capture_on_commit_callbacks
    )
    csv_url = url(simulation, "directory:import_run_changes")
    response = client.get(csv_url)
    assert response["Content-Disposition"].startswith('attachment; filename="changements-import-')
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "nature;finess;nom;departement;commune;changements"
    assert len(lines) == 1 + 9
    ain = directory["01"][0]
    assert f"Fermeture;{ain.finess};{ain.name};01;BOURG EN BRESSE;fermé au 01/02/2026" in lines
    renamed = directory["01"][4]
    assert (
        f"Modification;{renamed.finess};EHPAD 01 QUATRE;01;BOURG EN BRESSE;"
        "nom : EHPAD 01 4 → EHPAD 01 QUATRE"
    ) in lines

    client.force_login(UserFactory())
    assert client.get(csv_url).status_code == 403
    client.logout()
    assert client.get(csv_url).status_code == 302
