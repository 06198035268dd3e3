"""Journey: browse the observatory map, drill down into a région, download open data."""

import re
from pathlib import Path

from playwright.sync_api import expect

from mutualis.maturity.referential import load_shipped_referentials
from tests.e2e.conftest import assert_accessible
from tests.factories import EstablishmentFactory
from tests.observatory.conftest import assess


def test_browse_the_map_drill_down_and_download(page, live_server, directory_data):
    load_shipped_referentials()
    for score in (1.0, 2.0, 2.5, 3.0, 3.5):
        assess(EstablishmentFactory(), score=score)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Observatoire").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatoire : France entière")
    expect(page.locator("svg.mutualis-choro path").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Auvergne-Rhône-Alpes : 2,40")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatoire : Auvergne-Rhône-Alpes")
    expect(page.get_by_role("table", name="Par département")).to_contain_text("Ain")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Télécharger ces données")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes de l'observatoire")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role(
            "link", name="CSV — Indicateurs par territoire (régions, ou départements d'une région)"
        ).click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("niveau;code;nom;essms")
    assert "departement;01;Ain" in content
    assert page.console_errors == []
