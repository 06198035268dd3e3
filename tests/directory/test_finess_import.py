from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mutualis.core.models import ImportRun
from mutualis.directory.finess_import import run_import
from mutualis.directory.models import Establishment, ManagingBody
from tests.directory.finess_files import geolocalisation, structureet, with_key, write_etalab

SAMPLE_2026 = Path("tests/finess/data/etalab-cs1100502-stock-20260512-0339_extrait15.csv")
EJ = with_key("01078999")
EHPAD, SSIAD = with_key("01000998"), with_key("01000997")


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


@pytest.mark.django_db
def test_dry_run_reports_the_diff_and_writes_nothing(tmp_path):
    run, plan = run_import(first_file(tmp_path))
    assert sorted(plan.added) == sorted([EHPAD, SSIAD])
    assert Establishment.objects.count() == 0
    assert ManagingBody.objects.count() == 0
    assert run.dry_run and run.counts["ajoutés"] == 2
    assert run.file_date.isoformat() == "2026-01-01"
    assert len(run.sha256) == 64


@pytest.mark.django_db
def test_wet_run_creates_establishments_and_placeholder_managing_bodies(tmp_path):
    run_import(first_file(tmp_path), wet_run=True)
    ehpad = Establishment.objects.get(finess=EHPAD)
    assert ehpad.name == "EHPAD LES TILLEULS"
    assert ehpad.commune_id == "01053" and ehpad.region_id == "84"
    assert (round(ehpad.longitude, 4), round(ehpad.latitude, 4)) == (5.2092, 46.2223)
    body = ManagingBody.objects.get(finess=EJ)
    assert body.name == f"Organisme gestionnaire {EJ}"
    assert body.name_is_placeholder and body.establishment_count == 2


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = first_file(tmp_path)
    run_import(path, wet_run=True)
    run, plan = run_import(path, wet_run=True)
    assert plan.rows == [] and plan.unchanged == 2
    assert run.counts["ajoutés"] == run.counts["modifiés"] == run.counts["fermés"] == 0


@pytest.mark.django_db
def test_a_file_without_geolocation_keeps_the_known_positions(tmp_path):
    run_import(first_file(tmp_path), wet_run=True)
    without_positions = write_etalab(
        tmp_path / "v2.csv",
        "2026-02-01",
        [
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS"),
            structureet(SSIAD, EJ, "SSIAD DU BUGEY", category="354"),
        ],
    )
    _run, plan = run_import(without_positions, wet_run=True)
    assert plan.moved == [] and plan.unchanged == 2
    assert round(Establishment.objects.get(finess=EHPAD).latitude, 4) == 46.2223


@pytest.mark.django_db
def test_newer_file_reports_changed_moved_and_closes_missing(tmp_path, settings):
    # The newer file holds 1 of the 2 open ESSMS of the Ain: covered from a 50 % share on.
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_COVERAGE_SHARE": 0.5}
    run_import(first_file(tmp_path), wet_run=True)
    newer = write_etalab(
        tmp_path / "v2.csv",
        "2026-02-01",
        [
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS"),
            geolocalisation(EHPAD, 880262.2, 6571540.8),
        ],
    )
    _run, plan = run_import(newer, wet_run=True)
    assert plan.moved == [EHPAD]
    assert plan.closed == [SSIAD]
    ssiad = Establishment.objects.get(finess=SSIAD)
    assert ssiad.is_closed and ssiad.closed_on.isoformat() == "2026-02-01"
    assert ManagingBody.objects.get(finess=EJ).establishment_count == 1

    renamed = write_etalab(
        tmp_path / "v3.csv",
        "2026-03-01",
        [
            structureet(EHPAD, EJ, "EHPAD LES TILLEULS RENOVE"),
            structureet(SSIAD, EJ, "SSIAD DU BUGEY", category="354"),
            geolocalisation(EHPAD, 880262.2, 6571540.8),
        ],
    )
    _, plan = run_import(renamed, wet_run=True)
    assert sorted(plan.changed) == sorted([EHPAD, SSIAD])
    assert not Establishment.objects.get(finess=SSIAD).is_closed


@pytest.mark.django_db
def test_an_older_file_never_closes_establishments(tmp_path):
    run_import(first_file(tmp_path), wet_run=True)
    older = write_etalab(tmp_path / "old.csv", "2025-01-01", [structureet(EHPAD, EJ, "EHPAD")])
    _, plan = run_import(older, wet_run=True)
    assert plan.closed == []
    assert not Establishment.objects.filter(is_closed=True).exists()


@pytest.mark.django_db
def test_verbatim_2026_lines_keep_social_domain_unless_all_domains():
    _, _plan = run_import(SAMPLE_2026, wet_run=True)
    social = set(Establishment.objects.values_list("finess", flat=True))
    assert {"970302287", "970210126", "980501506", "970216057"} <= social
    assert "010000024" not in social  # a hospital (sanitary domain)
    lieu_de_vie = Establishment.objects.get(finess="980501506")
    assert lieu_de_vie.name == 'LIEU DE VIE "MAVOUNA MEMA 1"'
    assert lieu_de_vie.departement_id == "976" and lieu_de_vie.region_id == "06"
    run_import(SAMPLE_2026, wet_run=True, all_domains=True)
    assert Establishment.objects.filter(finess="010000024", category_id="355").exists()


@pytest.mark.django_db
def test_unknown_category_is_rejected_with_its_line_number(tmp_path):
    path = write_etalab(
        tmp_path / "bad.csv",
        "2026-01-01",
        [structureet(EHPAD, EJ, "EHPAD"), structureet(SSIAD, EJ, "X", category="999")],
    )
    _, plan = run_import(path, all_domains=True)
    assert [(r.line, r.finess) for r in plan.rejects] == [(3, SSIAD)]
    assert "Catégorie d'établissement inconnue : 999" in plan.rejects[0].reason


@pytest.mark.django_db
def test_legal_entity_file_names_the_managing_bodies(tmp_path):
    run_import(first_file(tmp_path), wet_run=True)
    legal = write_etalab(
        tmp_path / "ej.csv",
        "2026-01-02",
        [
            f"structureej;{EJ};ASSOCIATION DU BUGEY;ASSOCIATION DU BUGEY ET DU REVERMONT;;12;RUE;"
            "DES ECOLES;;;;053;01000 BOURG EN BRESSE;01;AIN;0474000000;60;Association Loi 1901 "
            "non Reconnue d'Utilité Publique;;;123456782;8710A;1990-05-14"
        ],
    )
    _run, plan = run_import(legal, wet_run=True)
    body = ManagingBody.objects.get(finess=EJ)
    assert body.name.startswith("ASSOCIATION DU BUGEY")
    assert not body.name_is_placeholder
    assert body.legal_status_id == "60" and body.siren == "123456782"
    assert plan.closed == [] and Establishment.objects.filter(is_closed=False).count() == 2


@pytest.mark.django_db
def test_command_refuses_a_file_that_is_not_finess(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_text("nom;prenom\nDupont;Jean\n", encoding="utf-8")
    with pytest.raises(CommandError, match="FINESS"):
        call_command("import_finess", str(path), "--wet-run", verbosity=0)
    assert ImportRun.objects.count() == 0


@pytest.mark.django_db
def test_command_prints_the_diff_in_french(tmp_path, capsys):
    call_command("import_finess", str(first_file(tmp_path)), verbosity=0)
    out = capsys.readouterr().out
    assert "Ajoutés : 2" in out
    assert "Simulation : rien n'a été écrit" in out
