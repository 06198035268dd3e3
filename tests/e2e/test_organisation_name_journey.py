"""Journey: the administrator of a managing body known only by its FINESS number declares its
usual name; another user then finds it by that name in the organisation chooser of an
initiative, with the keyboard."""

import re

from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import ManagingBody
from mutualis.initiatives.models import Initiative
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import MembershipFactory, UserFactory

USUAL_NAME = "Fondation des Dombes Numériques"


def test_usual_name_declared_then_found_by_name(page, live_server, directory_data):
    body = (
        ManagingBody.objects.filter(is_closed=False, name_is_placeholder=True)
        .order_by("-establishment_count", "finess")
        .first()
    )
    assert body.display_name.startswith(f"Organisme n° {body.finess} — ")
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    base = live_server.url

    # The administrator sees the label made of facts, then declares the usual name.
    sign_in(page, base, admin.email)
    page.goto(f"{base}/annuaire/organismes/{body.finess}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(body.display_name)
    assert_accessible(page)
    page.get_by_role("link", name="Modifier l'organisme").click()
    assert_accessible(page)
    page.get_by_label("Nom d'usage de l'organisme").fill(f"  {USUAL_NAME} ")
    page.get_by_role("button", name="Enregistrer").click()
    saved = "Les informations de l'organisme ont été enregistrées."
    expect(page.get_by_text(saved)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(USUAL_NAME)
    expect(page.get_by_text("nom d'usage déclaré par l'organisme")).to_be_visible()
    assert_accessible(page)

    # Anyone filters the directory by the body's name: the chooser puts its number.
    page.context.clear_cookies()
    page.goto(base + "/annuaire/")
    chooser = page.get_by_role("combobox", name=re.compile("Organisme gestionnaire"))
    chooser.press_sequentially("dombes", delay=30)
    option = page.get_by_role("option", name=re.compile(USUAL_NAME))
    expect(option).to_be_visible()
    option.click()
    expect(chooser).to_have_value(body.finess)
    expect(page.get_by_text(f"Organisme choisi : {USUAL_NAME} ({body.finess}).")).to_be_attached()
    page.get_by_role("button", name="Rechercher").click()
    count = body.establishments.filter(is_closed=False).count()
    expect(page.locator("p.fr-text--lg[role=status]")).to_contain_text(f"{count} établissement")
    assert_accessible(page)

    # Another user proposes an initiative and adds the body by a word of its name.
    sign_in(page, base, UserFactory().email)
    page.goto(base + "/initiatives/proposer/")
    search = page.get_by_role("combobox", name=re.compile("Ajouter un organisme à la liste"))
    search.press_sequentially("dombes num", delay=30)
    option = page.get_by_role("option", name=re.compile(USUAL_NAME))
    expect(option).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)
    search.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    search.press("Enter")
    expect(search).to_have_attribute("aria-expanded", "false")
    members = page.get_by_label("Organismes membres")
    expect(members).to_have_value(f"{body.finess} — {USUAL_NAME}")
    expect(page.get_by_text(f"{USUAL_NAME} ({body.finess}) ajouté à la liste.")).to_be_attached()

    page.get_by_label("Titre").fill("Achats groupés des Dombes")
    page.get_by_label("Type").select_option(label="Cahier des charges commun")
    page.get_by_label("Description").fill("Un cahier des charges commun.")
    page.get_by_label("Région").select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_role("button", name="Proposer l'initiative").click()
    expect(page.get_by_text("elle sera publiée après relecture")).to_be_visible()
    assert list(Initiative.objects.get().managing_bodies.all()) == [body]
    assert page.console_errors == []
