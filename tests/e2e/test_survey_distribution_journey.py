"""Journey: a regional actor previews then sends the invitations of a regional needs survey
and reads the response rate by département; an invited administrator answers, and the form
refuses two levers rated "le plus prioritaire"."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from mutualis.accounts.models import MembershipRole
from mutualis.territories.models import Region
from mutualis.workshops import survey_distribution, survey_services
from mutualis.workshops.reference import load_levers
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    regional_actor,
)


def body(name: str, account: bool = True):
    found = ManagingBodyFactory(name=name, establishment_count=1)
    EstablishmentFactory(managing_body=found, name=f"ESSMS {name}")
    if account:
        return found, MembershipFactory(managing_body=found, role=MembershipRole.ADMIN).user
    return found, None


def test_distribute_a_survey_and_answer_it(page, live_server, directory_data, mailoutbox):
    load_levers()
    base = live_server.url
    today = timezone.localdate()
    staff = regional_actor("84")
    survey = survey_services.create_survey(
        staff,
        "Recensement AURA",
        "regional",
        today - dt.timedelta(days=1),
        today + dt.timedelta(days=30),
        region=Region.objects.get(code="84"),
    )
    _, ain_admin = body("Association de l'Ain")
    body("Fondation de Bresse")
    silent, _ = body("Œuvre sans compte", account=False)
    mailoutbox.clear()

    sign_in(page, base, staff.email)
    page.goto(f"{base}/ateliers/recensements/{survey.uid}/")
    page.get_by_role("link", name="Diffusion et taux de réponse").click()
    assert_accessible(page)
    expect(page.get_by_role("table", name=re.compile("Organismes ayant répondu"))).to_contain_text(
        "0,0 %"
    )
    expect(page.get_by_role("table", name=re.compile("sans compte"))).to_contain_text(silent.finess)
    page.get_by_role("link", name=re.compile("Inviter 2 organismes")).click()
    expect(page.get_by_text("2 messages seront envoyés")).to_be_visible()
    assert_accessible(page)
    assert mailoutbox == []  # nothing before the confirmation
    page.get_by_role("button", name="Envoyer les invitations (2)").click()
    expect(page.get_by_text("2 message(s) envoyé(s) à 2 organisme(s).")).to_be_visible()
    assert len(mailoutbox) == 2
    expect(page.get_by_role("link", name=re.compile("Inviter 0 organisme"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, base, ain_admin.email)
    page.goto(f"{base}/ateliers/recensements/{survey.uid}/")
    expect(
        page.get_by_text("« Le plus prioritaire » ne peut être donné qu'à un seul levier.")
    ).to_be_visible()
    page.get_by_role("button", name="Répondre").click()
    assert_accessible(page)
    fieldsets = page.locator("fieldset[id^='radio-id_levier']").all()
    for index, fieldset in enumerate(fieldsets):
        label = "Le plus prioritaire" if index < 2 else "Prioritaire"
        fieldset.get_by_text(label, exact=True).click()
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_text(re.compile("vous l'avez donné à A\\. .* et B\\. "))).to_be_visible()
    assert_accessible(page)
    page.locator("fieldset[id^='radio-id_levier']").nth(1).get_by_text(
        "Très prioritaire", exact=True
    ).click()
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_text("Réponse enregistrée")).to_be_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, base, staff.email)
    page.goto(f"{base}/ateliers/recensements/{survey.uid}/diffusion/")
    _, total = survey_distribution.response_rates(survey)
    assert total.answered == 1
    footer = page.locator("tfoot td")
    expect(footer.nth(0)).to_have_text(str(total.bodies))
    expect(footer.nth(1)).to_have_text("1")
    expect(footer.nth(2)).to_contain_text(f"{total.percent} %".replace(".", ","))
    assert_accessible(page)
    assert page.console_errors == []
