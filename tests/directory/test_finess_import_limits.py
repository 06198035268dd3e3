"""The FINESS import reads within the limits set in the settings, and fails cleanly."""

import pytest

from mutualis.core.models import ImportRun
from mutualis.directory.finess_import import failure_message, run_import
from mutualis.directory.finess_limits import read_limits
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.finess.limits import LimitExceeded, ReadLimits
from tests.directory.finess_files import structureet, with_key, write_etalab

EJ = with_key("01078999")


def test_default_settings_are_the_readers_safe_defaults():
    assert read_limits() == ReadLimits()


def test_each_setting_reaches_the_readers(settings):
    names = {
        "FINESS_MAX_UPLOAD_MB": ("max_file_bytes", 1024 * 1024),
        "FINESS_MAX_UNZIPPED_MB": ("max_unzipped_bytes", 1024 * 1024),
        "FINESS_MAX_GZIP_RATIO": ("max_gzip_ratio", 1),
        "FINESS_MAX_LINE_KB": ("max_line_bytes", 1024),
        "FINESS_MAX_FIELD_KB": ("max_field_chars", 1024),
        "FINESS_MAX_FIELDS": ("max_fields", 1),
        "FINESS_MAX_JSON_DEPTH": ("max_json_depth", 1),
        "FINESS_MAX_JSON_TOKEN_KB": ("max_token_bytes", 1024),
        "FINESS_MAX_JSON_ENTRY_MB": ("max_item_bytes", 1024 * 1024),
        "FINESS_MAX_RECORDS": ("max_records", 1),
        "FINESS_MAX_TEXT_MB": ("max_text_chars", 1_000_000),
        "FINESS_MAX_ISSUES": ("max_issues", 1),
    }
    settings.MUTUALIS = {**settings.MUTUALIS, **dict.fromkeys(names, 3)}
    limits = read_limits()
    assert {field: getattr(limits, field) for field, _ in names.values()} == {
        field: 3 * unit for field, unit in names.values()
    }


@pytest.mark.django_db
def test_a_file_beyond_a_limit_fails_its_run_and_writes_nothing(settings, tmp_path):
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_MAX_LINE_KB": 1}
    path = write_etalab(
        tmp_path / "long.csv",
        "2026-01-01",
        [structureet(with_key("01000998"), EJ, "EHPAD " + "X" * 2000)],
    )
    with pytest.raises(LimitExceeded):
        run_import(path, wet_run=True)
    run = ImportRun.objects.create(
        source="FINESS", file_name="long.csv", sha256="", status=ImportRun.Status.QUEUED
    )
    with pytest.raises(LimitExceeded):
        run_import(path, wet_run=True, run=run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.error == (
        "Fichier refusé : ligne 2, ligne de plus de 1 Ko. Rien n'a été écrit dans l'annuaire."
    )
    assert Establishment.objects.count() == 0 and ManagingBody.objects.count() == 0


def test_failure_message_of_a_limit():
    error = LimitExceeded("imbrication JSON sur plus de 64 niveaux", "après l'entrée « pmej » n° 3")
    assert failure_message(error) == (
        "Fichier refusé : après l'entrée « pmej » n° 3, imbrication JSON sur plus de 64 niveaux."
        " Rien n'a été écrit dans l'annuaire."
    )
