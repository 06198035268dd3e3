"""Stored search names: computed at import, rebuilt when the normalisation changes."""

import importlib
import pkgutil

from django.core.management import call_command

from mutualis.core.text import NORMALIZATION_VERSION
from mutualis.directory import migrations as directory_migrations
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.name_refresh import refresh_names
from mutualis.directory.search_names import establishment_search_name, rebuild
from tests.factories import EstablishmentFactory, ManagingBodyFactory


def test_establishment_search_name_holds_name_long_name_and_commune():
    assert (
        establishment_search_name(
            "CH DE FLEYRIAT", "CENTRE HOSPITALIER DE BOURG-EN-BRESSE", "VIRIAT"
        )
        == "CH DE FLEYRIAT CENTRE HOSPITALIER DE BOURG EN BRESSE VIRIAT"
    )
    assert (
        establishment_search_name("PMI SAINT BARTHELEMY", "PMI SAINT BARTHELEMY", "ST BARTHELEMY")
        == "PMI ST BARTHELEMY ST BARTHELEMY"
    )


def test_establishment_search_name_drops_cedex():
    assert establishment_search_name("IME", "", "ST ETIENNE CEDEX 2") == "IME ST ETIENNE"
    assert establishment_search_name("IME", "", "ST ETIENNE DU ROUVRAY CEDE") == (
        "IME ST ETIENNE DU ROUVRAY"
    )


def test_rebuild_writes_only_stale_names_and_the_command_reports_them(db, capsys):
    fresh = EstablishmentFactory(name="IME Saint-Étienne", city="ST ETIENNE")
    stale = EstablishmentFactory(name="EHPAD Sainte-Marie", city="ETAGNAC")
    body = ManagingBodyFactory(name="Association Saint-Joseph", finess="420000011")
    refresh_names()  # the main communes of the bodies the factories made
    Establishment.objects.filter(pk=stale.pk).update(search_name="EHPAD SAINTE MARIE")
    ManagingBody.objects.filter(pk=body.pk).update(search_name="OLD")

    assert rebuild(Establishment, ManagingBody) == 2

    assert Establishment.objects.get(pk=stale.pk).search_name == "EHPAD STE MARIE ETAGNAC"
    assert Establishment.objects.get(pk=fresh.pk).search_name == "IME ST ETIENNE ST ETIENNE"
    assert ManagingBody.objects.get(pk=body.pk).search_name == ("ASSOCIATION ST JOSEPH 420000011")
    call_command("rebuild_search_names")
    assert "0 ligne(s) modifiée(s)" in capsys.readouterr().out


def test_a_directory_migration_rebuilds_the_search_names_of_the_current_normalization():
    versions = {
        getattr(
            importlib.import_module(f"{directory_migrations.__name__}.{module.name}"),
            "REBUILDS_SEARCH_NAMES_FOR_NORMALIZATION",
            None,
        )
        for module in pkgutil.iter_modules(directory_migrations.__path__)
    }
    assert NORMALIZATION_VERSION in versions, (
        "normalize() changed version: add a directory migration that calls "
        "search_names.rebuild and sets REBUILDS_SEARCH_NAMES_FOR_NORMALIZATION"
    )
