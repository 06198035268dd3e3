"""Journey: a national administrator uploads a FINESS file as a simulation, sees the run
finish, then applies it to the directory."""

import re

import pytest
from playwright.sync_api import expect

from mutualis.core.models import ImportRun
from mutualis.directory.models import Establishment
from tests.e2e.conftest import SAMPLE_2026, assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import national_admin

CAYENNE = "970302287"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_simulate_then_apply_a_finess_import(browser, live_server, directory_data):
    # The establishment left the directory since the last import: the file brings it back.
    Establishment.objects.filter(finess=CAYENNE).delete()
    admin = national_admin()
    base = live_server.url
    page = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    sign_in(page, base, admin.email)
    page.get_by_role("link", name=re.compile("Imports FINESS")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imports FINESS")
    expect(page.get_by_role("cell", name="Commande import_finess")).to_be_visible()
    assert_accessible(page)

    # A simulation (the checkbox "Écrire dans l'annuaire" left unchecked).
    page.get_by_label(re.compile("Fichier FINESS")).set_input_files(SAMPLE_2026)
    expect(page.get_by_label(re.compile("Écrire dans l'annuaire"))).not_to_be_checked()
    page.get_by_role("button", name="Lancer l'import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Import de {SAMPLE_2026.name}")
    expect(page.get_by_role("heading", name="Simulation terminée")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^Ajoutés 1$"))).to_be_visible()
    assert not Establishment.objects.filter(finess=CAYENNE).exists()
    assert_accessible(page)

    # Applied: the same file is written to the directory.
    page.get_by_role("button", name="Appliquer cet import").click()
    expect(page.get_by_role("heading", name="Import écrit dans l'annuaire")).to_be_visible()
    expect(page.get_by_text("Terminé").first).to_be_visible()
    assert_accessible(page)
    assert Establishment.objects.filter(finess=CAYENNE).exists()
    assert ImportRun.objects.filter(dry_run=False, status="done").count() == 2  # with the fixture

    page.get_by_role("link", name="Tous les imports FINESS").click()
    history = page.get_by_role("table")
    expect(history.get_by_role("row")).to_have_count(4)  # header, the fixture's run, our two
    expect(history).to_contain_text("Simulation")
    expect(history).to_contain_text("Écrit dans l'annuaire")
    assert_accessible(page)
    assert errors == []
    page.context.close()
