"""The programme's usage indicators are versioned reference data (data/usage-indicators.csv)
loaded idempotently, with their period, source and reliability; periods are computed without
the ORM."""

import datetime

import pytest
from django.core.management import call_command

from mutualis.projects import progress, reference
from mutualis.projects.models import UsageIndicator


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_a_new_version_updates(tmp_path, capsys):
    call_command("load_usage_indicators")
    assert "créés : 5, mis à jour : 0" in capsys.readouterr().out
    first = {item.code: item.label for item in UsageIndicator.objects.all()}
    assert set(first) == {"dui_active", "ins_qualified", "mssante_sent", "dmp_fed", "psc_logins"}
    assert reference.load_usage_indicators() == reference.LoadResult(0, 0)

    # an edit in the admin stays until the file's version changes
    UsageIndicator.objects.filter(code="dmp_fed").update(label="Libellé modifié")
    assert reference.load_usage_indicators() == reference.LoadResult(0, 0)
    newer = tmp_path / "usage-indicators.csv"
    newer.write_text(
        reference.DATA_FILE.read_text(encoding="utf-8").replace("version 2026.2", "version 2027.1"),
        encoding="utf-8",
    )
    assert reference.load_usage_indicators(newer) == reference.LoadResult(0, 5)
    dmp = UsageIndicator.objects.get(code="dmp_fed")
    assert (dmp.label, dmp.version) == (first["dmp_fed"], "2027.1")


@pytest.mark.django_db
def test_every_indicator_names_its_source_reliability_and_period():
    reference.load_usage_indicators()
    for item in UsageIndicator.objects.all():
        assert item.source and item.reliability and item.version == "2026.2"
        assert item.periodicity in UsageIndicator.Periodicity.values
    # unknown thresholds are said so, never assumed
    assert all("à confirmer" in item.reliability for item in UsageIndicator.objects.all())
    # Pro Santé Connect is not an established usage target: not proposed by default
    assert list(reference.usage_indicators().values_list("code", flat=True)) == [
        "dui_active",
        "ins_qualified",
        "mssante_sent",
        "dmp_fed",
    ]


def test_periods_and_their_french_labels():
    day = datetime.date(2026, 2, 14)
    assert progress.period_of("month", day) == "2026-02"
    assert progress.period_of("quarter", day) == "2026-T1"
    assert progress.period_of("year", day) == "2026"
    assert progress.recent_periods("month", day, 3) == ["2026-02", "2026-01", "2025-12"]
    assert progress.recent_periods("quarter", day, 3) == ["2026-T1", "2025-T4", "2025-T3"]
    assert progress.recent_periods("year", day, 2) == ["2026", "2025"]
    assert progress.period_label("2026-02") == "février 2026"
    assert progress.period_label("2026-T1") == "1er trimestre 2026"
    assert progress.period_label("2025-T4") == "4e trimestre 2025"
    assert progress.period_label("2026") == "2026"
