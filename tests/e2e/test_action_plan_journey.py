"""Journey: a facilitator turns a closed workshop's ranking into a six-month action plan, adds
an action owned by a managing body and publishes the plan; the owner's administrator records
progress; a visitor without an account reads the public plan."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.workshops.reference import load_levers
from tests.actionplans.factories import closed_workshop
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import ManagingBodyFactory, MembershipFactory, regional_actor

ACTION = "Ouvrir un espace régional de partage des REX"


def test_turn_a_ranking_into_a_published_action_plan(browser, page, live_server, directory_data):
    load_levers()
    base = live_server.url
    facilitator = regional_actor("84")
    workshop = closed_workshop(facilitator)
    body = ManagingBodyFactory(name="Association Les Cèdres", finess="010009999")
    owner = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    due = timezone.localdate() + dt.timedelta(days=45)

    sign_in(page, base, facilitator.email)
    page.goto(f"{base}/ateliers/sessions/{workshop.uid}/")
    page.get_by_role("link", name="Ouvrir un plan d'action à 6 mois").click()
    assert_accessible(page)
    page.get_by_label("Titre du plan").fill("Plan d'action de l'Ain")
    page.get_by_role("button", name="Ouvrir le plan d'action").click()
    expect(page.get_by_text("Plan d'action ouvert : ajoutez ses actions.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^D\\. "))).to_be_visible()
    expect(page.get_by_text("Rang 1 — 6 gommettes (50,0 %)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ajouter une action").click()
    page.get_by_label("Levier").select_option("D")
    page.get_by_label("Action", exact=True).fill(ACTION)
    page.get_by_label("Responsable", exact=True).select_option("body")
    page.get_by_role("combobox", name=re.compile("Organisme responsable")).fill("010009999")
    page.get_by_label("Échéance", exact=True).fill(due.isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer l'action").click()
    expect(page.get_by_text(f"Action « {ACTION} » ajoutée.")).to_be_visible()
    expect(page.get_by_text("responsable : Association Les Cèdres")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Gérer les liens").click()
    page.get_by_label(re.compile("Rechercher une initiative")).fill("Cèdres")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("Aucun résultat.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Retour à l'action").click()
    page.get_by_role("link", name="Plan d'action de l'Ain").click()
    page.get_by_role("link", name="Bilan du plan").click()
    expect(page.get_by_role("main")).to_contain_text("sur 1 prévue")
    assert_accessible(page)
    page.get_by_role("link", name="Plan d'action de l'Ain").click()
    page.get_by_role("button", name="Publier le plan").click()
    expect(page.get_by_text("Plan publié")).to_be_visible()
    assert_accessible(page)
    plan_url = page.url

    owner_page = browser.new_context(locale="fr-FR").new_page()
    sign_in(owner_page, base, owner.email)
    owner_page.goto(plan_url)
    owner_page.get_by_role("link", name=ACTION).click()
    owner_page.get_by_label("Point d'étape", exact=True).fill("Trois retours recueillis.")
    owner_page.get_by_label("Nouvel avancement (%)").fill("50")
    owner_page.get_by_role("button", name="Enregistrer le point d'étape").click()
    expect(owner_page.get_by_text("Point d'étape enregistré.")).to_be_visible()
    expect(owner_page.get_by_text("avancement : 50 %").first).to_be_visible()
    assert_accessible(owner_page)
    owner_page.context.close()

    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(base + "/plans-action/")
    visitor.get_by_role("link", name="Plan d'action de l'Ain").click()
    expect(visitor.get_by_role("heading", name="Plan d'action de l'Ain")).to_be_visible()
    row = visitor.get_by_role("row", name=re.compile(ACTION))
    expect(row).to_contain_text("En cours")
    expect(row).to_contain_text("50 %")
    expect(visitor.get_by_text("Trois retours recueillis.")).to_be_visible()
    assert_accessible(visitor)
    visitor.context.close()
    assert page.console_errors == []
