"""Cooperation groupings of FINESS+ appear as initiatives on the map, synced after import."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mutualis.directory.finess_import import run_import
from mutualis.directory.models import Establishment, Grouping, ManagingBody
from mutualis.initiatives import selectors
from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.initiatives.perms import can_edit
from mutualis.initiatives.services import sync_finess_groupings
from tests.directory.finess_plus_files import GCSMS_FINESS, structures, write
from tests.factories import national_admin

pytestmark = pytest.mark.django_db


def test_an_import_publishes_each_grouping_as_an_initiative(tmp_path, client):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    gcsms = Grouping.objects.get(source="gco")
    initiative = Initiative.objects.get(grouping_uid=gcsms.uid)
    assert initiative.type.code == "groupement_cooperation"
    assert (initiative.title, initiative.moderation, initiative.stage) == (
        "GCSMS DES TILLEULS",
        "published",
        "ongoing",
    )
    assert f"n° FINESS {GCSMS_FINESS}" in initiative.summary
    assert "3 membres déclarés dans FINESS" in initiative.summary
    assert set(initiative.managing_bodies.values_list("finess", flat=True)) == {
        "690000013",
        "980501498",
    }
    assert list(initiative.establishments.values_list("finess", flat=True)) == ["690000021"]
    # The région of most known members: two in the Rhône (84), one in Mayotte (06).
    assert initiative.region_id == "84"
    assert Initiative.objects.filter(grouping_uid__isnull=False).count() == 2
    assert not can_edit(national_admin(), initiative)  # derived from FINESS
    detail = client.get(reverse("initiatives:detail", args=[initiative.uid]))
    assert "Issue de FINESS" in detail.content.decode()


def test_the_map_shows_the_groupings_members(tmp_path):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    kind = InitiativeType.objects.get(code="groupement_cooperation")
    points = selectors.map_points(selectors.filtered(selectors.published(), {"type": kind}))
    labels = {point[3] for point in points["points"]}
    assert "GCSMS DES TILLEULS — ASSOCIATION DU RHÔNE" in labels
    assert "GCSMS DES TILLEULS — EHPAD LES TILLEULS" in labels
    assert "RÉSEAU DES TILLEULS — ASSOCIATION DU RHÔNE" in labels
    assert {point[2] for point in points["points"]} == {kind.label}


def test_a_grouping_gone_from_the_next_file_leaves_the_map(tmp_path):
    run_import(write(tmp_path / "v1.json", structures()), wet_run=True)
    doc = structures()
    doc["gcc"] = []
    run_import(write(tmp_path / "v2.json", doc), wet_run=True)
    assert list(Initiative.objects.values_list("title", flat=True)) == ["GCSMS DES TILLEULS"]


def test_the_command_syncs_and_needs_the_typology(tmp_path, capsys):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    Initiative.objects.all().delete()
    call_command("sync_finess_groupings")
    assert "initiatives de groupements : 2" in capsys.readouterr().out
    assert Initiative.objects.count() == 2
    Initiative.objects.all().delete()
    InitiativeType.objects.filter(code="groupement_cooperation").delete()
    assert sync_finess_groupings() is None
    with pytest.raises(CommandError, match="load_initiative_types"):
        call_command("sync_finess_groupings")


def test_members_joining_the_directory_later_are_linked_by_finess_number(tmp_path):
    run_import(write(tmp_path / "structures.json", structures()), wet_run=True)
    ManagingBody.objects.filter(finess="980501498").update(finess="980501499")
    sync_finess_groupings()
    gcsms = Initiative.objects.get(title="GCSMS DES TILLEULS")
    assert list(gcsms.managing_bodies.values_list("finess", flat=True)) == ["690000013"]
    assert Establishment.objects.filter(initiatives=gcsms).count() == 1
