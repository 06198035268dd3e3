"""Loading referential versions from CSV: the shipped one, a new one, line-numbered errors."""

import pytest
from django.core.management import CommandError, call_command

from mutualis.maturity.models import Indicator, ReferentialVersion
from mutualis.maturity.referential import (
    COLUMNS,
    ReferentialFileError,
    load_referential,
    load_shipped_referentials,
    read_referential,
)

HEADER = ",".join(COLUMNS)
ROW = "1,Gouvernance,1.1,Pilotage,{code},Question {code} ?,{socle},{service},P0,P1,P2,P3,P4"


def csv_text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_the_shipped_referential_has_its_structure(db):
    referential = ReferentialVersion.objects.get(is_current=True)
    assert referential.version == "2026.1"
    assert "MaturiN-SMS" in referential.source
    indicators = Indicator.objects.filter(theme__dimension__referential=referential)
    assert referential.dimensions.count() == 7
    assert 40 <= indicators.count() <= 64
    assert indicators.filter(is_socle=True).count() == 15
    assert set(indicators.exclude(service_socle="").values_list("service_socle", flat=True)) == {
        "ins",
        "mssante",
        "dmp",
        "psc",
    }
    assert all(len(paliers) == 5 for paliers in indicators.values_list("paliers", flat=True))
    assert load_shipped_referentials() == []  # idempotent


def test_a_new_version_becomes_current_and_keeps_the_old_one(db):
    text = csv_text(
        ROW.format(code="1.1.1", socle="oui", service="ins"),
        ROW.format(code="1.1.2", socle="non", service=""),
    )
    new = load_referential(text, "2027.1", "Essai", "Tests")
    assert new.is_current
    assert ReferentialVersion.objects.get(version="2026.1").is_current is False
    indicator = Indicator.objects.get(theme__dimension__referential=new, code="1.1.1")
    assert indicator.is_socle and indicator.service_socle == "ins"
    assert indicator.paliers == ["P0", "P1", "P2", "P3", "P4"]


def test_every_problem_is_reported_with_its_line():
    text = csv_text(
        ROW.format(code="1.1.1", socle="peut-être", service=""),
        ROW.format(code="1.2.1", socle="oui", service="fax"),
        ROW.format(code="1.1.1", socle="oui", service=""),
        "1,Gouvernance,1.1",
    )
    with pytest.raises(ReferentialFileError) as error:
        read_referential(text)
    assert error.value.errors == [
        "Ligne 2 : is_socle doit valoir « oui » ou « non ».",
        "Ligne 3 : l'indicateur 1.2.1 n'appartient pas au thème 1.1.",
        "Ligne 3 : service_socle inconnu « fax » (attendu : vide ou ins, mssante, dmp, psc).",
        "Ligne 4 : l'indicateur 1.1.1 est en double.",
        "Ligne 5 : 13 colonnes attendues.",
    ]


def test_missing_columns_and_empty_files_are_refused():
    with pytest.raises(ReferentialFileError, match="colonnes manquantes : palier_4"):
        read_referential(HEADER.replace(",palier_4", "") + "\n")
    with pytest.raises(ReferentialFileError, match="aucun indicateur"):
        read_referential(HEADER + "\n")


def test_the_command_refuses_a_bad_file_and_writes_nothing(db, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(csv_text(ROW.format(code="1.1.1", socle="x", service="")), encoding="utf-8")
    with pytest.raises(CommandError, match="Ligne 2"):
        call_command("load_maturity_referential", str(path), "--referential-version", "2027.1")
    assert not ReferentialVersion.objects.filter(version="2027.1").exists()


def test_an_existing_version_number_is_refused(db):
    with pytest.raises(ReferentialFileError, match="existe déjà"):
        load_referential(
            csv_text(ROW.format(code="1.1.1", socle="oui", service="")), "2026.1", "x", "y"
        )
