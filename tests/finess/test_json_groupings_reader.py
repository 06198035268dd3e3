"""Reader of the FINESS+ groupings (gco/gcc): members resolved from internal ids."""

import gzip
import io
import json

import pytest

from mutualis.finess.json_groupings import (
    GroupingMemberRecord,
    read_groupings,
    read_groupings_file,
)
from mutualis.finess.records import NotAFinessFile
from tests.directory.finess_plus_files import GCSMS_FINESS, structures


def read(doc: dict):
    return read_groupings(io.BytesIO(json.dumps(doc, ensure_ascii=False).encode()))


def test_groupings_and_their_members_are_resolved_to_finess_numbers():
    result = read(structures())
    assert result.present and result.skipped == 2  # the closed gco, the inactive gcc
    gcsms, network = result.groupings
    assert (gcsms.source, gcsms.source_id, gcsms.finess, gcsms.name) == (
        "gco",
        "7001",
        GCSMS_FINESS,
        "GCSMS DES TILLEULS",
    )
    assert (gcsms.kind_code, gcsms.legal_status_code) == ("03", "66")
    assert gcsms.members == [
        GroupingMemberRecord("690000013", "pmej", "01"),
        GroupingMemberRecord("980501498", "pmej", "02"),
        GroupingMemberRecord("690000021", "ege", "03"),
    ]
    assert (network.source, network.finess, network.name, network.kind_code) == (
        "gcc",
        "",
        "RÉSEAU DES TILLEULS",
        "02",
    )
    assert network.members == [
        GroupingMemberRecord("690000013", "pmej", "01"),
        GroupingMemberRecord("690000039", "ege", "03"),
    ]
    [(line, finess, reason)] = [(i.line, i.finess, i.reason) for i in result.warnings]
    assert (line, finess, reason) == (
        1,
        GCSMS_FINESS,
        "Membre personne morale « 999 » introuvable ou sans n° FINESS valide",
    )


def test_the_ans_2026_shape_with_groupings_before_pmej():
    """camelCase ids, upper-case PMEJ key, plain-string codes, gco/gcc first."""
    doc = {
        "generatedAt": "2026-03-09T15:49:37Z",
        "gcc": [{"gccId": "1", "nomGcc": "Grappe", "pmejDuGcc": [{"pmSmsseId": "2"}]}],
        "gco": [{"pmSmsseId": "403", "typeGco": "003", "pmejDuGco": [{"pmSmsseId": "2"}]}],
        "pmej": [
            {
                "informationsGeneralesPMEJ": {
                    "pmSmsseId": "2",
                    "numFinessPm": "010000156",
                    "denominationPm": "CLINIQUE CONVERT",
                },
                "ege": [],
            },
            {
                "informationsGeneralesPMEJ": {
                    "pmSmsseId": "403",
                    "numFinessPm": "010008407",
                    "denominationPm": "GCS DE L'AIN",
                    "statutJuridique": "89",
                },
                "etatObjet": "A",
            },
        ],
    }
    result = read(doc)
    grappe, gcs = result.groupings
    assert (gcs.finess, gcs.name, gcs.kind_code, gcs.legal_status_code) == (
        "010008407",
        "GCS DE L'AIN",
        "003",
        "89",
    )
    assert gcs.members == grappe.members == [GroupingMemberRecord("010000156", "pmej", "")]


def test_schema_shaped_empty_groupings_and_absent_keys():
    empty = read(structures(groupings=False))  # "gco": {}, "gcc": {} as in the schema
    assert empty.present and empty.groupings == [] and empty.warnings == []
    doc = structures(groupings=False)
    del doc["gco"], doc["gcc"]
    assert not read(doc).present


def test_a_single_grouping_object_is_read_as_the_schema_declares_it():
    doc = structures()
    doc["gco"] = doc["gco"][0]
    doc["gcc"] = {}
    (gcsms,) = read(doc).groupings
    assert gcsms.finess == GCSMS_FINESS and len(gcsms.members) == 3


def test_gzip_file_and_truncated_json(tmp_path):
    path = tmp_path / "flux.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(structures(), out)
    assert len(read_groupings_file(path).groupings) == 2
    broken = json.dumps(structures()).encode()[:-40]
    with pytest.raises(NotAFinessFile, match="JSON invalide"):
        read_groupings(io.BytesIO(broken))


def test_a_member_without_a_valid_finess_number_is_reported_not_kept():
    doc = structures()
    doc["gcc"][0]["pmejDuGcc"].append({"pm_smsseId": "ABCDEFGHI"})  # the fixture's bad number
    result = read(doc)
    assert [m.finess for m in result.groupings[1].members] == ["690000013", "690000039"]
    assert result.warnings[-1].reason == (
        "Membre personne morale « ABCDEFGHI » introuvable ou sans n° FINESS valide"
    )
