"""Journey: the facilitator projects the session full screen; a participant's phone follows
the opening of the vote without reload, moves a sticker between two levers (the totals'
multiset unchanged) and the projected board follows within 3 s; a second round on the top
levers keeps the first one's results."""

import re

from playwright.sync_api import expect

from mutualis.workshops import services
from mutualis.workshops.reference import load_levers
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import regional_actor
from tests.workshops.conftest import ranked, reference_levers

PHONE = {"locale": "fr-FR", "viewport": {"width": 390, "height": 844}, "is_mobile": True}
BOARD_DELAY = 3000  # ms: the board follows a ballot within 3 s


def points_of(board, code: str):
    """The stickers cell of a lever's row in the board's table."""
    row = board.locator("#resultats tbody tr").filter(
        has=board.locator("th", has_text=re.compile(rf"^{code}\. "))
    )
    return row.locator("td").nth(1)


def vote(phone, top, high, priority, button="Enregistrer mon vote"):
    phone.get_by_label("Le plus prioritaire (3 gommettes)").select_option(top)
    phone.get_by_label("Très prioritaire (2 gommettes)").select_option(high)
    phone.get_by_label("Prioritaire (1 gommette)").select_option(priority)
    phone.get_by_role("button", name=button).click()
    expect(phone.get_by_text("Votre vote est enregistré")).to_be_visible()


def test_the_phone_and_the_projection_follow_the_session(
    browser, page, live_server, reloaded_reference_data
):
    load_levers()
    base = live_server.url
    facilitator = regional_actor("84")
    workshop = services.create_workshop(facilitator, "Atelier de l'Ain", reference_levers())
    other = services.join(workshop, "Bob")
    sign_in(page, base, facilitator.email)
    page.goto(f"{base}/ateliers/sessions/{workshop.uid}/")
    page.get_by_role("link", name="Projection plein écran").click()
    board = page
    expect(board.locator(".mutualis-projection__code")).to_have_text(workshop.code)
    expect(board.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert board.locator(".fr-header").count() == 0 and board.locator(".fr-footer").count() == 0
    assert_accessible(board)

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{base}/ateliers/rejoindre/{workshop.code}/")
    phone.get_by_label(re.compile("Votre prénom")).fill("Alice")
    phone.get_by_role("button", name="Participer").click()
    expect(phone.locator("#etat-badge")).to_have_text("En préparation")
    assert_accessible(phone)

    facilitator_page = page.context.new_page()
    facilitator_page.goto(f"{base}/ateliers/sessions/{workshop.uid}/")
    facilitator_page.get_by_role("button", name="Ouvrir le vote").click()
    # The phone follows without reload: the badge, then the ballot.
    expect(phone.locator("#etat-badge")).to_have_text("Vote ouvert", timeout=5000)
    vote(phone, "C", "E", "A")
    assert_accessible(phone)
    services.vote(other, ranked("E", "C", "D"))
    expect(points_of(board, "A")).to_have_text("1", timeout=BOARD_DELAY + 1000)
    expect(board.locator("#resume")).to_contain_text("2 bulletins, 2 participants")

    # A sticker moved from A to B: totals C 5, E 5, 1, 1 as before; the board follows.
    vote(phone, "C", "E", "B", button="Modifier mon vote")
    expect(points_of(board, "B")).to_have_text("1", timeout=BOARD_DELAY)
    expect(points_of(board, "A")).to_have_text("0")

    facilitator_page.get_by_role("button", name="Clore le vote").click()
    expect(phone.locator("#etat-badge")).to_have_text("Vote clos", timeout=5000)
    expect(board.locator("#resume")).to_contain_text("Vote clos", timeout=BOARD_DELAY)
    facilitator_page.get_by_text("Les premiers du classement du tour clos").click()
    facilitator_page.get_by_label(re.compile("Nombre de leviers retenus")).fill("3")
    facilitator_page.get_by_role("button", name="Lancer le tour 2").click()
    expect(facilitator_page.get_by_text("Tour 2 ouvert")).to_be_visible()
    assert_accessible(facilitator_page)

    expect(phone.locator("#etat-badge")).to_have_text("Vote ouvert", timeout=5000)
    expect(phone.locator("#etat-session")).to_contain_text("tour 2")
    expect(phone.locator("#etat-annonce")).to_contain_text("Le vote du tour 2 est ouvert")
    options = phone.get_by_label("Le plus prioritaire (3 gommettes)").locator("option")
    assert options.count() == 5  # "Choisir un levier", then C, E and B, D tied third
    vote(phone, "D", "C", "E")
    expect(points_of(board, "D")).to_have_text("3", timeout=BOARD_DELAY)
    expect(board.get_by_role("link", name="Tour 1 (clos)")).to_be_visible()
    assert_accessible(board)
    board.get_by_role("link", name="Tour 1 (clos)").click()
    expect(points_of(board, "C")).to_have_text("5")
    assert board.console_errors == [] and phone.context.pages
    phone.context.close()
