"""Journey: a national administrator simulates a regional FINESS extract whose closures
exceed the threshold, reads the warning, downloads the planned changes, types the number of
closures and applies the import."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mutualis.directory.models import Establishment
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.territories.loaders import load_territories
from tests.directory.finess_files import etalab_lines, open_directory, write_etalab
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import national_admin


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    """Held beyond 3 closures (the live server reads the same settings)."""
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_HOLD_MINIMUM": 3}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def directory(transactional_db):
    load_territories()
    load_nomenclatures()
    return open_directory({"01": 20, "69": 20, "75": 10})


def test_a_held_regional_import_is_confirmed_by_typing_its_closures(
    page, live_server, directory, tmp_path
):
    # The Auvergne-Rhône-Alpes extract lacks 4 EHPADs of the Ain and 4 of the Rhône.
    extract = write_etalab(
        tmp_path / "finess-ara.csv",
        "2026-02-01",
        etalab_lines(directory["01"][4:] + directory["69"][4:]),
    )
    sign_in(page, live_server.url, national_admin().email)
    page.get_by_role("link", name=re.compile("Imports FINESS")).click()
    page.get_by_label(re.compile("Fichier FINESS")).set_input_files(extract)
    page.get_by_role("button", name="Lancer l'import").click()

    # The simulation is held: a blocking warning, the counts per département.
    expect(
        page.get_by_role("heading", name="Import retenu : confirmation nécessaire")
    ).to_be_visible()
    expect(page.get_by_text(re.compile("Import retenu : 8 fermetures prévues"))).to_be_visible()
    expect(page.get_by_text("Par département : 01 (4 fermetures, 0 déplacement) ;")).to_be_visible()
    per_departement = page.get_by_role("table", name="Fermetures et déplacements par département")
    expect(per_departement.get_by_role("row", name="01 4 0")).to_be_visible()
    expect(per_departement.get_by_role("row", name="69 4 0")).to_be_visible()
    expect(per_departement.get_by_role("row")).to_have_count(3)
    expect(page.get_by_role("button", name="Appliquer cet import")).to_have_count(0)
    assert_accessible(page)

    # The full list downloads as CSV.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger la liste des fermetures")).click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "nature;finess;nom;departement;commune;changements"
    closures = sorted(e.finess for e in directory["01"][:4] + directory["69"][:4])
    assert sorted(line.split(";")[1] for line in lines[1:]) == closures

    # A wrong number is refused; nothing is written.
    confirmation = page.get_by_label(re.compile("Nombre de fermetures à confirmer"))
    confirmation.fill("80")
    page.get_by_role("button", name="Confirmer et appliquer l'import").click()
    expect(
        page.get_by_text(re.compile(r"Le nombre saisi \(80\) ne correspond pas aux 8 fermetures"))
    ).to_be_visible()
    expect(
        page.get_by_text("Import non appliqué : corrigez le nombre à confirmer.")
    ).to_be_visible()
    assert not Establishment.objects.filter(is_closed=True).exists()
    assert_accessible(page)

    # The right number writes the import.
    page.get_by_label(re.compile("Nombre de fermetures à confirmer")).fill("8")
    page.get_by_role("button", name="Confirmer et appliquer l'import").click()
    expect(page.get_by_role("heading", name="Import écrit dans l'annuaire")).to_be_visible()
    expect(page.get_by_text("Import retenu puis confirmé : 8 fermetures prévues.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^Fermés 8$"))).to_be_visible()
    assert_accessible(page)
    closed = Establishment.objects.filter(is_closed=True).values_list("finess", flat=True)
    assert sorted(closed) == closures
    assert not Establishment.objects.filter(departement_id="75", is_closed=True).exists()
    assert page.console_errors == []
