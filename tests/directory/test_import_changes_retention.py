"""The detailed changes of old imports are purged (a national run plans tens of thousands of
rows): the most recent runs keep theirs, older ones their counts, and their report says so."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.core.models import ImportChange, ImportRun
from mutualis.directory import import_changes
from tests.factories import national_admin
from tests.pages import text

pytestmark = pytest.mark.django_db


def _run_with_changes(days_ago: int) -> ImportRun:
    run = ImportRun.objects.create(
        source="etalab",
        file_name=f"finess-{days_ago}.csv",
        sha256="0" * 64,
        status=ImportRun.Status.DONE,
        counts={"fermés": 2, "modifiés": 1},
    )
    ImportRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    ImportChange.objects.bulk_create(
        ImportChange(run=run, kind=kind, finess=f"01000000{n}", name="ESSMS", departement="01")
        for n, kind in enumerate([ImportChange.Kind.CLOSED] * 2 + [ImportChange.Kind.CHANGED])
    )
    return run


def test_only_the_most_recent_runs_keep_their_changes():
    runs = [_run_with_changes(days_ago) for days_ago in range(import_changes.KEPT_RUNS + 2)]
    assert import_changes.purge_old_changes() == 6
    kept = [run.changes.count() for run in runs]
    assert kept == [3] * import_changes.KEPT_RUNS + [0, 0]
    assert import_changes.is_purged(runs[-1]) and not import_changes.is_purged(runs[0])


def test_the_report_of_a_purged_run_says_its_detail_is_gone(client):
    runs = [_run_with_changes(days_ago) for days_ago in range(import_changes.KEPT_RUNS + 1)]
    import_changes.purge_old_changes()
    client.force_login(national_admin())
    page = text(client.get(reverse("directory:import_run", args=[runs[-1].uid])))
    assert "cet import n'en garde que les décomptes" in page
    recent = text(client.get(reverse("directory:import_run", args=[runs[0].uid])))
    assert "cet import n'en garde que les décomptes" not in recent
