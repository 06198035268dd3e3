"""Journey: search the directory as people type (Saint-Étienne written in full, a typo)."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.factories import EstablishmentFactory, ManagingBodyFactory


def saint_etienne_establishments() -> None:
    body = ManagingBodyFactory(name="ADAPEI DE LA LOIRE", finess="420787046", departement_id="42")
    for finess, name in (
        ("420010506", "IME SAINT-ETIENNE"),
        ("420793390", "SAVS SAINT-ETIENNE"),
        ("420789331", "F.R.P.A.CHAVANELLE"),
    ):
        EstablishmentFactory(
            finess=finess,
            name=name,
            managing_body=body,
            city="ST ETIENNE",
            postal_code="42000",
            commune_id=None,
            departement_id="42",
        )


def test_search_saint_etienne_then_follow_the_spelling_suggestion(
    page, live_server, directory_data
):
    saint_etienne_establishments()
    page.goto(live_server.url + "/annuaire/")
    search = page.get_by_label("Nom ou n° FINESS")

    search.fill("saint etienne")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status").first).to_contain_text("3 établissements trouvés")
    results = page.get_by_role("table")
    for name in ("IME SAINT-ETIENNE", "SAVS SAINT-ETIENNE", "F.R.P.A.CHAVANELLE"):
        expect(results.get_by_role("link", name=name)).to_be_visible()
    expect(results.get_by_text("42000 ST ETIENNE").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Nom ou n° FINESS").fill("chavanele st etienne")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("Vouliez-vous dire")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("chavanelle st etienne")).click()
    expect(page.get_by_role("status").first).to_contain_text("1 établissement trouvé")
    expect(page.get_by_role("link", name="F.R.P.A.CHAVANELLE")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
