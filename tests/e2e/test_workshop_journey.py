"""Journeys: a facilitator runs a dot-voting session that two participants join on their phone
with the code; the board updates as they vote; the facilitator closes and exports. Then a
needs survey: a managing body answers, a regional actor reads the needs analysis."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.territories.models import Region
from mutualis.workshops import survey_services
from mutualis.workshops.reference import load_levers
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    regional_actor,
)

PHONE = {"locale": "fr-FR", "viewport": {"width": 390, "height": 844}, "is_mobile": True}


def join_and_vote(browser, base, code, name, top, high, priority, with_qr=False):
    phone = browser.new_context(**PHONE).new_page()
    if with_qr:  # the address the QR code holds
        phone.goto(f"{base}/ateliers/rejoindre/{code}/")
        assert_accessible(phone)
        phone.get_by_label(re.compile("Votre prénom")).fill(name)
        phone.get_by_role("button", name="Participer").click()
    else:
        phone.goto(base + "/ateliers/")
        assert_accessible(phone)
        phone.get_by_label(re.compile("Code de la session")).fill(code.lower())
        phone.get_by_role("button", name="Rejoindre").click()
        assert_accessible(phone)
        phone.get_by_label(re.compile("Votre prénom")).fill(name)
        phone.get_by_role("button", name="Participer").click()
    expect(phone.get_by_text(f"vous participez en tant que {name}")).to_be_visible()
    assert_accessible(phone)
    phone.get_by_label("Le plus prioritaire (3 gommettes)").select_option(top)
    phone.get_by_label("Très prioritaire (2 gommettes)").select_option(high)
    phone.get_by_label("Prioritaire (1 gommette)").select_option(priority)
    phone.get_by_role("button", name="Enregistrer mon vote").click()
    expect(phone.get_by_text("Votre vote est enregistré")).to_be_visible()
    assert_accessible(phone)
    return phone


def test_run_a_dot_voting_workshop(browser, page, live_server, directory_data):
    load_levers()
    base = live_server.url
    facilitator = regional_actor("84")
    sign_in(page, base, facilitator.email)

    page.goto(base + "/ateliers/")
    page.get_by_role("link", name="Mes ateliers").click()
    assert_accessible(page)
    page.get_by_label("Titre de la session").fill("Atelier de l'Ain")
    expect(page.get_by_label("Leviers")).to_contain_text("G. Partager une vision nationale")
    page.get_by_role("button", name="Créer la session").click()
    expect(page.get_by_text("Session créée")).to_be_visible()
    assert_accessible(page)
    code = page.locator(".mutualis-board__code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)
    page.get_by_role("button", name="Ouvrir le vote").click()
    expect(page.get_by_text("Vote ouvert : les participants peuvent voter.")).to_be_visible()
    page.get_by_role("link", name="Tableau des résultats").click()
    expect(page.locator("#resume")).to_contain_text("0 bulletins")
    assert_accessible(page)

    alice = join_and_vote(browser, base, code, "Alice", "C", "E", "A")
    bob = join_and_vote(browser, base, code, "Bob", "E", "C", "D", with_qr=True)
    # The projected board updates by itself (htmx polling).
    expect(page.locator("#resume")).to_contain_text("2 bulletins, 2 participants", timeout=15000)
    expect(page.locator("#resume")).to_contain_text("En tête : C, E (5 gommettes), ex æquo")

    alice.get_by_label("Le plus prioritaire (3 gommettes)").select_option("D")
    alice.get_by_role("button", name="Modifier mon vote").click()
    expect(alice.get_by_text("D (3 gommettes)")).to_be_visible()
    expect(page.locator("#resume")).to_contain_text("En tête : E (5 gommettes)", timeout=15000)
    alice.locator("label", has_text="Qu'est-ce qui ne fonctionne pas ?").click()  # DSFR radio
    alice.get_by_label("Votre carte").fill("La crainte d'être absorbé par le plus gros.")
    alice.get_by_role("button", name="Ajouter la carte").click()
    expect(alice.get_by_text("Carte ajoutée.")).to_be_visible()
    assert_accessible(alice)

    page.get_by_role("link", name="Retour à la session").click()
    page.get_by_role("link", name="Tableau des cartes").click()
    page.get_by_label(re.compile("Regroupement")).fill("Confiance")
    page.get_by_role("button", name="Regrouper").click()
    expect(page.get_by_role("heading", name="Confiance")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Atelier de l'Ain").click()
    page.get_by_role("button", name="Clore le vote").click()
    expect(page.get_by_text("Vote clos : les résultats sont figés.")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as csv:
        page.get_by_role("link", name="Exporter les résultats (CSV)").click()
    assert csv.value.suggested_filename == f"atelier-atelier-de-lain-{code.lower()}.csv"
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Exporter les résultats (PDF)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")

    bob.reload()
    expect(bob.get_by_text("Le vote est clos.")).to_be_visible()
    expect(bob.get_by_role("table")).to_contain_text("Résultats du vote, figés à la clôture")
    assert_accessible(bob)
    assert page.console_errors == []
    alice.context.close()
    bob.context.close()


def test_answer_a_needs_survey_and_read_the_analysis(page, live_server, directory_data):
    load_levers()
    base = live_server.url
    today = timezone.localdate()
    survey = survey_services.create_survey(
        None,
        "Recensement AURA",
        "regional",
        today - dt.timedelta(days=1),
        today + dt.timedelta(days=30),
        region=Region.objects.get(code="84"),
    )
    body = ManagingBodyFactory(name="Association de l'Ain", establishment_count=2)
    EstablishmentFactory.create_batch(2, managing_body=body)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    sign_in(page, base, admin.email)

    page.goto(base + "/ateliers/")
    page.get_by_role("link", name="Recensement AURA").click()
    assert_accessible(page)
    page.get_by_role("button", name="Répondre").click()
    assert_accessible(page)
    for fieldset in page.locator("fieldset[id^='radio-id_levier']").all():
        fieldset.get_by_text("Très prioritaire").click()
    page.get_by_text("Dossier usager informatisé (DUI)").click()
    page.get_by_label("Vos besoins et attentes").fill("Un DPO partagé.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_text("Réponse enregistrée")).to_be_visible()
    expect(
        page.get_by_text("Association de l'Ain (organisme gestionnaire) — mise à jour")
    ).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, base, regional_actor("84").email)
    page.goto(f"{base}/ateliers/recensements/{survey.uid}/analyse/")
    expect(page.get_by_text("Moins de 5 répondants :")).to_be_visible()
    assert_accessible(page)
    for index in range(5):  # enough answers for the chart and the breakdowns
        other = ManagingBodyFactory(name=f"EHPAD {index}", establishment_count=1)
        EstablishmentFactory(managing_body=other)
        ratings = {lever.code: index % 3 for lever in survey.levers.all()}  # no "top" twice
        survey_services.save_answer(None, survey, other, ratings, ["dui"], is_demo=True)
    page.reload()
    expect(page.get_by_text("Part des répondants évaluant chaque levier")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("plus, par secteur"))).to_contain_text("6")
    assert_accessible(page)
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Exporter (XLSX)").click()
    assert xlsx.value.suggested_filename == "analyse-des-besoins-recensement-aura.xlsx"

    page.goto(base + "/ateliers/")
    page.get_by_role("link", name="Recensements des besoins").click()
    assert_accessible(page)
    page.get_by_label("Titre du recensement").fill("Recensement AURA 2027")
    page.get_by_text("Régional", exact=True).click()
    page.get_by_label(re.compile("Région \\(")).select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_label("Ouverture le").fill(f"{today.year + 1}-01-01")
    page.get_by_label("Clôture le").fill(f"{today.year + 1}-03-31")
    page.get_by_role("button", name="Créer le recensement").click()
    expect(page.get_by_text("Recensement « Recensement AURA 2027 » créé.")).to_be_visible()
    expect(page.get_by_text("À venir")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
