"""Journey: search the directory, open an establishment, see it on the map."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.factories import EstablishmentFactory


def test_search_open_establishment_and_see_it_on_the_map(page, live_server, directory_data):
    page.goto(live_server.url + "/")
    assert_accessible(page)

    page.get_by_label("Rechercher un établissement (nom ou n° FINESS)").fill("ehpad cayenne")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status").first).to_contain_text("1 établissement trouvé")
    assert_accessible(page)

    page.get_by_role("link", name="E.H.P.A.D. EDMAR LAMA DE CAYENNE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E.H.P.A.D. EDMAR LAMA DE CAYENNE")
    expect(page.get_by_text("970302287").first).to_be_visible()
    page.locator("#carte-etablissement .leaflet-marker-icon").first.wait_for()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Organisme n° 970302022 — ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("970302022")
    assert_accessible(page)
    assert page.console_errors == []


def test_map_view_of_search_results(page, live_server, directory_data):
    EstablishmentFactory()  # in Bourg-en-Bresse, next to the overseas ones of the file
    page.goto(live_server.url + "/annuaire/?vue=carte")
    status = page.locator("#carte-resultats-statut")
    expect(status).to_contain_text(re.compile(r"\d+ établissements? dans la zone affichée"))
    expect(page.locator("#carte-resultats path.leaflet-interactive").first).to_be_attached()
    # Results span the overseas départements: the view still frames the metropolitan ones.
    centre = page.evaluate(
        "document.getElementById('carte-resultats')._mutualisMap.map.getCenter().lat"
    )
    assert 41 < centre < 51.5
    assert_accessible(page)
    assert page.console_errors == []
