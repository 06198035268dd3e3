"""The requirements library: the shipped version, loading new ones, line-numbered errors."""

import pytest

from mutualis.specifications.models import Requirement, RequirementLibrary
from mutualis.specifications.requirements import (
    COLUMNS,
    LibraryFileError,
    load_library,
    load_shipped_libraries,
    read_library,
)

HEADER = ",".join(COLUMNS)
ROW = "ins,INS,INS-01,Qualifier l'INS,,services_socles,2.3.1,ANS,vérifiée"


@pytest.mark.django_db
def test_shipped_version_covers_the_domains_the_issue_names():
    library = RequirementLibrary.objects.get(is_current=True)
    domains = set(library.requirements.values_list("domain_code", flat=True))
    assert {"dossier", "admission", "projet", "soins", "planning", "documents", "droits"} <= domains
    assert {"activite", "ins", "dmp", "mssante", "psc", "hebergement", "securite"} <= domains
    assert {"reversibilite", "formation", "support"} <= domains
    assert all(r.source for r in library.requirements.all())
    assert load_shipped_libraries() == []  # idempotent


def test_reads_a_valid_file():
    rows = read_library(f"\ufeff{HEADER}\n{ROW}\n")
    assert rows[0]["code"] == "INS-01" and rows[0]["indicators"] == "2.3.1"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ins,INS,INS 01,Qualifier,,,,ANS,vérifiée", "lettres, des chiffres et des tirets"),
        ("ins,INS,INS-02,Qualifier,,,,ANS,sûre", "reliability doit valoir"),
        ("ins,Autre,INS-03,Qualifier,,,,ANS,vérifiée", "libellé différent pour le domaine ins"),
        ("ins,INS,INS-01,Doublon,,,,ANS,vérifiée", "INS-01 est en double"),
        ("ins,INS,INS-04,,,,,ANS,vérifiée", "la colonne label est vide"),
        ("ins,INS,INS-05," + "x" * 301 + ",,,,ANS,vérifiée", "label dépasse 300"),
        ("ins,INS", "9 colonnes attendues"),
    ],
)
def test_every_problem_has_its_line(line, message):
    with pytest.raises(LibraryFileError) as raised:
        read_library(f"{HEADER}\n{ROW}\n{line}\n")
    assert any(error.startswith("Ligne 3 : ") and message in error for error in raised.value.errors)


def test_missing_columns_and_empty_files_are_refused():
    with pytest.raises(LibraryFileError, match=r"colonnes manquantes : .*source"):
        read_library("domain_code,domain_label,code,label\n")
    with pytest.raises(LibraryFileError, match="aucune exigence"):
        read_library(f"{HEADER}\n")


@pytest.mark.django_db
def test_a_new_version_becomes_current_and_an_existing_one_is_refused():
    library = load_library(f"{HEADER}\n{ROW}\n", "2027.1", "Exigences 2027", "Test")
    assert RequirementLibrary.objects.get(is_current=True) == library
    assert Requirement.objects.get(library=library).position == 1
    with pytest.raises(LibraryFileError, match="existe déjà"):
        load_library(f"{HEADER}\n{ROW}\n", "2027.1", "Exigences 2027", "Test")
    assert RequirementLibrary.objects.filter(version="2027.1").count() == 1


@pytest.mark.django_db
def test_a_wrong_file_writes_nothing():
    before = RequirementLibrary.objects.count()
    with pytest.raises(LibraryFileError):
        load_library(f"{HEADER}\n{ROW}\n{ROW}\n", "2027.2", "Exigences", "Test")
    assert RequirementLibrary.objects.count() == before
    assert RequirementLibrary.objects.get(is_current=True).version == "2026.1"
