"""Journey: the national directory map shows server-side clusters, then points when zoomed."""

import random
import re

from playwright.sync_api import expect

from mutualis.directory.models import Establishment, ManagingBody
from tests.e2e.conftest import assert_accessible


def spread_over_france(count: int) -> None:
    body = ManagingBody.objects.first()
    rng = random.Random(14)
    Establishment.objects.bulk_create(
        Establishment(
            finess=f"01{i:07d}",
            managing_body=body,
            name=f"EHPAD DE DEMONSTRATION {i}",
            search_name=f"EHPAD DE DEMONSTRATION {i}",
            category_id="500",
            departement_id="01",
            region_id="84",
            latitude=rng.uniform(43.0, 50.5),
            longitude=rng.uniform(-1.5, 7.0),
        )
        for i in range(count)
    )


VIEW_SETTLES_MS = 1000  # map.js asks for a view 300 ms after the map stops moving


def map_state(page, expression: str):
    return page.evaluate(f"document.getElementById('carte-resultats')._mutualisMap.{expression}")


def test_national_map_shows_clusters_then_points(page, live_server, directory_data):
    spread_over_france(1500)
    page.goto(live_server.url + "/annuaire/?vue=carte&category=500")
    status = page.locator("#carte-resultats-statut")
    expect(status).to_contain_text(re.compile(r"établissements dans la zone affichée ; activez"))
    clusters = page.locator("#carte-resultats .mutualis-map__cluster")
    expect(clusters.first).to_be_visible()
    label = clusters.first.get_attribute("aria-label")
    assert re.fullmatch(r"[\d\u202f\u00a0]+ établissements : zoomer sur ce groupe", label)
    # Every EHPAD of the search is in some cluster or point (overseas ones of the file too,
    # when the view covers them): the metropolitan view counts the 1 500 generated ones.
    shown = map_state(page, "lastMessage")
    assert int(re.sub(r"\D", "", shown.split(" ")[0])) >= 1500
    assert_accessible(page)

    first = Establishment.objects.get(finess="010000000")
    # Activating a cluster zooms on it; each view is asked again (debounced) with the
    # search filters, the zoom and the bounding box.
    # The first answer frames the results, which asks for that view (debounced): click once
    # it is drawn, or the cluster clicked may be replaced under the pointer.
    page.wait_for_timeout(VIEW_SETTLES_MS)
    page.wait_for_function("!document.getElementById('carte-resultats').hasAttribute('aria-busy')")
    zoom = map_state(page, "map.getZoom()")
    with page.expect_response(lambda response: "bbox=" in response.url) as answer:
        clusters.first.click()
    page.wait_for_function(
        f"document.getElementById('carte-resultats')._mutualisMap.map.getZoom() > {zoom}"
    )
    assert "category=500" in answer.value.url
    with page.expect_response(lambda response: "zoom=14&bbox=" in response.url) as answer:
        map_state(page, f"map.setView([{first.latitude}, {first.longitude}], 14)")
    assert "category=500" in answer.value.url
    marker = page.get_by_role("button", name="EHPAD DE DEMONSTRATION 0", exact=True)
    expect(marker).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
