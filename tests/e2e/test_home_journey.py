"""Journey: the home page leads through the steps of the journey, and a signed-in
administrator goes from "À traiter" to the join request waiting for them."""

from playwright.sync_api import expect

from mutualis.accounts.models import JoinRequest, MembershipRole
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import EstablishmentFactory, MembershipFactory, UserFactory


def test_from_the_home_page_to_what_waits(browser, page, live_server, directory_data):
    body = EstablishmentFactory(name="EHPAD LES TILLEULS").managing_body
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    newcomer = UserFactory(first_name="Claire", last_name="Martin")
    JoinRequest.objects.create(user=newcomer, managing_body=body, message="Nouvelle DSI")
    base = live_server.url

    page.goto(base + "/")
    journey = page.get_by_role("list").filter(has_text="Connaître")
    expect(journey.get_by_role("listitem")).to_have_count(8)
    assert_accessible(page)
    journey.get_by_role("link", name="Retours d'expérience").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Retours d'expérience de mutualisation"
    )

    sign_in(page, base, admin.email)
    expect(page.get_by_role("heading", name="Mon espace")).to_be_visible()
    page.goto(base + "/")
    todo = page.get_by_role("region", name="À traiter")
    todo.get_by_role("link", name="1 demande de rattachement à traiter").click()
    expect(page.get_by_role("cell", name=newcomer.email)).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
