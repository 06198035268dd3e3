"""Journey: a visitor drills down national → région → département, reads a chart and its
table, and downloads open data."""

import re
from pathlib import Path

from playwright.sync_api import expect

from mutualis.maturity.referential import load_shipped_referentials
from tests.e2e.conftest import assert_accessible
from tests.factories import EstablishmentFactory
from tests.observatory.conftest import assess

MAX_HEIGHT = 6000  # px: the page was 11 000 px of tables


def test_drill_down_read_a_chart_and_its_table_then_download(page, live_server, directory_data):
    load_shipped_referentials()
    for score in (1.0, 2.0, 2.5, 3.0, 3.5):
        assess(EstablishmentFactory(), score=score, dimension_scores={"1": score})

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Observatoire").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatoire : France entière")
    expect(page.get_by_text(re.compile("Chiffres calculés le"))).to_be_visible()
    expect(page.locator("svg.mutualis-choro path").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight") < MAX_HEIGHT
    page.emulate_media(media="print")  # printed, the folded tables are open
    expect(page.get_by_role("table", name="Par secteur")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.get_by_role("table", name="Par secteur")).to_be_hidden()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Auvergne-Rhône-Alpes : 2,40")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatoire : Auvergne-Rhône-Alpes")
    page.get_by_role("button", name="Tableau de données — Par département").click()
    expect(page.get_by_role("table", name="Par département")).to_contain_text("Ain")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Ain : 2,40")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatoire : Ain")
    # A chart, as an image with its title, then its data table unfolded beside it.
    chart = page.get_by_role("img", name="Maturité moyenne (0 à 4) par secteur")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("2,40")
    page.get_by_role("button", name="Tableau de données — Par secteur").click()
    table = page.get_by_role("table", name="Par secteur")
    expect(table).to_be_visible()
    expect(table.get_by_role("row").nth(1)).to_contain_text("2,40")
    page.get_by_role("button", name="Tableau de données — Ain, sa région et la France").click()
    expect(page.get_by_role("table", name="Ain, sa région et la France")).to_contain_text(
        "Région Auvergne-Rhône-Alpes"
    )
    expect(page.get_by_role("img", name=re.compile("ESSMS par palier atteint"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Télécharger ces données")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes de l'observatoire")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role(
            "link", name="CSV — Répartition par palier de chaque dimension du référentiel"
        ).click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("dimension;libelle;autodiagnostics;moyenne;palier_0")
    assert "\n1;Management et gestion des SI;5;2,4;" in content
    assert page.console_errors == []
