"""An import closes by absence only inside the départements its file covers in full; a
FINESS+ JSON file closes what it marks closed."""

import datetime as dt

import pytest
from django.core.management import call_command

from mutualis.directory.finess_import import run_import
from mutualis.directory.models import Establishment
from tests.directory.finess_files import (
    ege,
    etalab_lines,
    open_directory,
    structureet,
    with_key,
    write_etalab,
    write_finess_plus,
)

# Two départements of Auvergne-Rhône-Alpes (84), Paris (11), Bouches-du-Rhône (93).
NATION = {"01": 10, "69": 10, "75": 10, "13": 10}


@pytest.fixture
def directory(db):
    return open_directory(NATION)


def closed() -> set[str]:
    return set(Establishment.objects.filter(is_closed=True).values_list("finess", flat=True))


@pytest.mark.django_db
def test_the_directory_as_it_is_listed_changes_nothing(directory, tmp_path):
    everything = [e for establishments in directory.values() for e in establishments]
    path = write_etalab(tmp_path / "national.csv", "2026-02-01", etalab_lines(everything))
    _run, plan = run_import(path)
    assert plan.unchanged == 40 and plan.rows == []
    assert plan.covered == {"01", "69", "75", "13"}


@pytest.mark.django_db
def test_a_regional_extract_closes_nothing_outside_its_region(directory, tmp_path):
    # The région's extract: every EHPAD of the Ain and the Rhône but one of each, plus a new one.
    kept = directory["01"][1:] + directory["69"][1:]
    new = structureet(with_key("01100000"), with_key("01900000"), "EHPAD NEUF")
    path = write_etalab(tmp_path / "ara.csv", "2026-02-01", [*etalab_lines(kept), new])
    run, plan = run_import(path, wet_run=True)
    assert plan.covered == {"01", "69"}
    assert sorted(plan.closed) == sorted([directory["01"][0].finess, directory["69"][0].finess])
    assert plan.closures_by_departement == {"01": 1, "69": 1}
    assert closed() == set(plan.closed)
    outside = Establishment.objects.exclude(departement_id__in=["01", "69"])
    assert outside.count() == 20 and not outside.filter(is_closed=True).exists()
    assert run.counts["fermés"] == 2 and not run.dry_run and not plan.held


@pytest.mark.django_db
def test_the_head_of_the_national_file_closes_nothing(directory, tmp_path):
    # The first 7 lines: 70 % of the Ain, nothing else.
    head = etalab_lines(directory["01"])[:7]
    _run, plan = run_import(write_etalab(tmp_path / "head.csv", "2026-02-01", head), wet_run=True)
    assert plan.covered == frozenset() and plan.closed == []
    assert closed() == set()


@pytest.mark.django_db
def test_a_sample_of_every_departement_closes_nothing(directory, tmp_path):
    sample = [e for establishments in directory.values() for e in establishments[::2]]
    path = write_etalab(tmp_path / "sample.csv", "2026-02-01", etalab_lines(sample))
    _run, plan = run_import(path, wet_run=True)
    assert plan.closed == [] and closed() == set()


@pytest.mark.django_db
def test_complete_declares_every_departement_covered(directory, tmp_path, capsys):
    path = write_etalab(tmp_path / "x.csv", "2026-02-01", etalab_lines(directory["01"][:2]))
    _run, plan = run_import(path, complete=True)
    assert len(plan.closed) == 38 and plan.held
    call_command("import_finess", str(path), "--complete", verbosity=0)
    assert "Fermés : 38" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_finess_plus_file_closes_exactly_what_it_marks_closed(directory, tmp_path):
    ain = directory["01"]
    ej = ain[0].managing_body.finess
    sites = [ege(e.finess, e.name, departement="01") for e in ain[3:5]]
    sites += [
        ege(ain[0].finess, ain[0].name, departement="01", closed="2026-01-15"),
        ege(ain[1].finess, ain[1].name, departement="01", closed="I"),
        ege(with_key("01200000"), "JAMAIS CONNU", departement="01", closed="2025-06-30"),
    ]
    path = write_finess_plus(tmp_path / "flux.json", "2026-02-01T04:00:00Z", {ej: sites})
    _run, plan = run_import(path, wet_run=True)
    # ain[2] and the 30 others are missing from this partial flux: they stay open.
    assert sorted(plan.closed) == sorted([ain[0].finess, ain[1].finess])
    assert closed() == {ain[0].finess, ain[1].finess}
    dates = dict(Establishment.objects.filter(is_closed=True).values_list("finess", "closed_on"))
    assert dates == {ain[0].finess: dt.date(2026, 1, 15), ain[1].finess: dt.date(2026, 2, 1)}
    assert not Establishment.objects.filter(finess=with_key("01200000")).exists()


@pytest.mark.django_db
def test_a_complete_finess_plus_file_also_closes_the_missing(directory, tmp_path):
    ain = directory["01"]
    ej = ain[0].managing_body.finess
    sites = [ege(e.finess, e.name, departement="01") for e in ain[1:]]
    sites.append(ege(ain[0].finess, ain[0].name, departement="01", closed="I"))
    path = write_finess_plus(tmp_path / "flux.json", "2026-02-01T04:00:00Z", {ej: sites})
    _run, plan = run_import(path, complete=True)
    assert len(plan.closed) == 31  # the marked one and the three other départements
    assert plan.closures_by_departement == {"01": 1, "13": 10, "69": 10, "75": 10}


@pytest.mark.django_db
def test_an_older_file_closes_nothing_even_what_it_covers(directory, tmp_path):
    current = write_etalab(tmp_path / "now.csv", "2026-03-01", etalab_lines(directory["01"]))
    run_import(current, wet_run=True)
    older = write_etalab(tmp_path / "old.csv", "2026-01-01", etalab_lines(directory["01"][1:]))
    _run, plan = run_import(older, wet_run=True)
    assert plan.closed == [] and closed() == set()
