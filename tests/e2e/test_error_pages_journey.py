"""Journey: an unknown address and a refused page are French pages of the site layout that
say what to do, and pass the accessibility check."""

from playwright.sync_api import expect

from mutualis.core import errors
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import UserFactory


def test_the_404_and_403_pages_lead_somewhere(browser, page, live_server):
    base = live_server.url

    response = page.goto(base + "/cette-page-n-existe-pas/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    assert_accessible(page)
    page.get_by_role("link", name="Rechercher dans l'annuaire").click()
    expect(page).to_have_url(base + "/annuaire/")

    sign_in(page, base, UserFactory().email)
    expect(page.get_by_role("heading", name="Mon espace")).to_be_visible()
    response = page.goto(base + "/maturite/referentiels/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(page.get_by_text(errors.NATIONAL_ADMIN_ONLY)).to_be_visible()
    assert_accessible(page)
    # Chromium logs the status of each error document itself, and nothing else.
    assert [error.split("status of ")[1] for error in page.console_errors] == [
        "404 (Not Found)",
        "403 (Forbidden)",
    ]
