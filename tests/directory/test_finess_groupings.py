"""Groupings of a FINESS+ file: loaded by the import, replaced by the next one, shown on the
managing-body page."""

import pytest
from django.urls import reverse

from mutualis.directory.finess_import import run_import
from mutualis.directory.models import Grouping, GroupingMember, ManagingBody
from tests.directory.finess_files import geolocalisation, structureet, with_key, write_etalab
from tests.directory.finess_plus_files import GCSMS_FINESS, structures, write

pytestmark = pytest.mark.django_db


def members(grouping: Grouping) -> set[tuple[str, str, str]]:
    return set(grouping.members.values_list("finess", "kind", "role_code"))


def test_a_written_import_loads_the_groupings(tmp_path):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    gcsms = Grouping.objects.get(source="gco")
    assert (gcsms.finess, gcsms.name, gcsms.kind_code) == (GCSMS_FINESS, "GCSMS DES TILLEULS", "03")
    assert gcsms.kind_label == "Groupement de coopération sociale ou médico-sociale (GCSMS) privé"
    assert members(gcsms) == {
        ("690000013", "pmej", "01"),
        ("980501498", "pmej", "02"),
        ("690000021", "ege", "03"),
    }
    network = Grouping.objects.get(source="gcc")
    assert (network.finess, network.kind_label) == ("", "Groupement contractuel")
    # The GCSMS has no ESSMS: it is not in the directory, its grouping is kept all the same.
    assert not ManagingBody.objects.filter(finess=GCSMS_FINESS).exists()


def test_a_simulation_loads_nothing(tmp_path):
    run_import(write(tmp_path / "structures.json", structures()))
    assert not Grouping.objects.exists()


def test_the_next_file_replaces_the_groupings(tmp_path):
    run_import(write(tmp_path / "v1.json", structures()), wet_run=True)
    gcsms = Grouping.objects.get(source="gco")
    doc = structures()
    doc["gcc"] = []
    doc["gco"][0]["pmejDuGco"] = [{"pm_smsseId": "104", "typeRoleEntiteGroupe": "01"}]
    doc["gco"][0]["egeDuGco"] = []
    run_import(write(tmp_path / "v2.json", doc), wet_run=True)
    (kept,) = Grouping.objects.all()
    assert kept.uid == gcsms.uid  # same grouping, members rewritten
    assert members(kept) == {("980501498", "pmej", "01")}
    assert GroupingMember.objects.count() == 1


def test_an_etalab_import_leaves_the_groupings_alone(tmp_path):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    ehpad = with_key("01000998")
    etalab = write_etalab(
        tmp_path / "etalab.csv",
        "2026-01-01",
        [
            structureet(ehpad, with_key("01078999"), "EHPAD"),
            geolocalisation(ehpad, 870262, 6571540),
        ],
    )
    run_import(etalab, wet_run=True)
    assert Grouping.objects.count() == 2


def test_the_managing_body_page_lists_its_groupings_and_partners(client, tmp_path):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    page = client.get(reverse("directory:managing_body", args=["690000013"]))
    html = page.content.decode()
    assert "Groupements de coopération" in html
    assert "GCSMS DES TILLEULS" in html and f"FINESS {GCSMS_FINESS}" in html
    assert "Groupement de coopération sociale ou médico-sociale (GCSMS) privé" in html
    # A partner in the directory is linked.
    assert reverse("directory:managing_body", args=["980501498"]) in html
    # Its own site, member of both groupings, is not listed as a partner.
    assert "RÉSEAU DES TILLEULS" in html and "Aucun autre membre déclaré." in html
    assert (
        reverse("directory:establishment", args=["690000021"])
        not in html.split("Groupements de coopération")[1].split("<h2>Établissements")[0]
    )


def test_a_partner_unknown_to_the_directory_is_listed_without_link(client, tmp_path):
    doc = structures()
    doc["gco"][0]["egeDuGco"].append({"egeId": "690000054", "typeRoleEntiteGroupe": "03"})
    run_import(write(tmp_path / "structures.json", doc), wet_run=True)  # 365: sanitary, out
    html = client.get(reverse("directory:managing_body", args=["980501498"])).content.decode()
    assert "FINESS 690000054 (établissement, absent de l'annuaire)" in html
    assert reverse("directory:managing_body", args=["690000013"]) in html


def test_no_section_without_grouping(client, tmp_path):
    run_import(write(tmp_path / "structures.json", structures(groupings=False)), wet_run=True)
    html = client.get(reverse("directory:managing_body", args=["690000013"])).content.decode()
    assert "Groupements de coopération" not in html
