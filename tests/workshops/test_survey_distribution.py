"""Distribution of a survey by its staff: invitations by e-mail to the members of the bodies
of its territory (previewed, confirmed, once per body), reminders to those that have not
answered (at most once per N days, button and daily command), response rate by département,
the bodies without account (paginated, CSV)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.core.models import AuditLog
from mutualis.workshops import survey_distribution, survey_mailing
from mutualis.workshops.models import SurveyContact
from tests.factories import MembershipFactory, national_admin, regional_actor
from tests.mail import after_commit
from tests.pages import text, words
from tests.workshops.conftest import open_survey
from tests.workshops.survey_builders import answer, body_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory():
    """Auvergne-Rhône-Alpes: two bodies of the Ain with accounts (one with an extra member),
    one of the Isère with an account, one of the Ain without; a Breton body (outside)."""
    survey = open_survey("regional", "84", title="Besoins AURA")
    ain, ain_admin = body_in("Association de l'Ain", "01")
    member = MembershipFactory(managing_body=ain, role=MembershipRole.MEMBER).user
    bresse, bresse_admin = body_in("EHPAD de Bresse", "01")
    isere, isere_admin = body_in("Association iséroise", "38")
    silent, _ = body_in("Fondation sans compte", "01", "38", account=False)
    breton, _ = body_in("Association bretonne", "35")
    return {
        "survey": survey,
        "ain": (ain, ain_admin, member),
        "bresse": (bresse, bresse_admin),
        "isere": (isere, isere_admin),
        "silent": silent,
        "breton": breton,
    }


def _send(client, name, survey, expected):
    with after_commit():
        return client.post(reverse(name, args=[survey.uid]), {"expected": expected})


def test_staff_previews_then_sends_the_invitations_once(client, territory):
    survey = territory["survey"]
    preview = survey_distribution.preview(survey, timezone.now())
    assert (preview.bodies, preview.with_account, preview.to_invite) == (4, 3, 3)
    assert preview.invite_recipients == 4
    client.force_login(regional_actor("84"))
    confirm = words(client.get(reverse("workshops:survey_invite", args=[survey.uid])))
    assert "4 messages seront envoyés aux membres de 3 organismes gestionnaires" in confirm
    assert not mail.outbox
    stale = _send(client, "workshops:survey_invite", survey, 9)
    assert "Le nombre de destinataires a changé (4 au lieu de 9)" in text(stale)
    assert not mail.outbox and not SurveyContact.objects.exists()
    response = _send(client, "workshops:survey_invite", survey, 4)
    assert response.status_code == 302
    ain, ain_admin, member = territory["ain"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [ain_admin.email, member.email, territory["bresse"][1].email, territory["isere"][1].email]
    )
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "Besoins AURA" in message.subject and "Association de l'Ain" in message.body
    assert f"/ateliers/recensements/{survey.uid}/" in message.body
    assert SurveyContact.objects.filter(survey=survey).count() == 3
    assert SurveyContact.objects.get(managing_body=ain).recipients == 2
    assert AuditLog.objects.filter(action="survey.invite").count() == 1
    mail.outbox.clear()
    again = words(client.get(reverse("workshops:survey_invite", args=[survey.uid])))
    assert "Personne à inviter" in again
    assert _send(client, "workshops:survey_invite", survey, 0).status_code == 302
    assert not mail.outbox  # invited once


def test_reminders_go_to_those_who_have_not_answered_at_most_once_per_period(client, territory):
    survey = territory["survey"]
    staff = regional_actor("84")
    with after_commit():
        survey_mailing.invite_respondents(staff, survey)
    bresse, bresse_admin = territory["bresse"]
    answer(survey, bresse, bresse_admin, A=1)
    mail.outbox.clear()
    now = timezone.now()
    with after_commit():
        assert survey_mailing.remind_respondents(staff, survey, now).bodies == 0  # too early
    later = now + dt.timedelta(days=8)
    with after_commit():
        sent = survey_mailing.remind_respondents(staff, survey, later)
    assert (sent.bodies, sent.recipients) == (2, 3)
    assert bresse_admin.email not in [m.to[0] for m in mail.outbox]
    assert all(
        m.subject.endswith("Rappel : recensement des besoins « Besoins AURA »") for m in mail.outbox
    )
    mail.outbox.clear()
    with after_commit():
        assert (
            survey_mailing.remind_respondents(staff, survey, later + dt.timedelta(days=3)).bodies
            == 0
        )
    with after_commit():
        call_command("remind_survey_respondents", date=(later + dt.timedelta(days=8)).date())
    assert len(mail.outbox) == 3
    assert set(
        SurveyContact.objects.exclude(managing_body=bresse).values_list("reminders", flat=True)
    ) == {2}
    assert SurveyContact.objects.get(managing_body=bresse).reminders == 0


def test_the_remind_button_previews_the_count(client, territory):
    survey = territory["survey"]
    staff = regional_actor("84")
    with after_commit():
        survey_mailing.invite_respondents(staff, survey)
    SurveyContact.objects.update(invited_at=timezone.now() - dt.timedelta(days=10))
    mail.outbox.clear()
    client.force_login(staff)
    page = words(client.get(reverse("workshops:survey_distribution", args=[survey.uid])))
    assert "Relancer 3 organismes (4 destinataires)" in page
    assert _send(client, "workshops:survey_remind", survey, 4).status_code == 302
    assert len(mail.outbox) == 4
    page = words(client.get(reverse("workshops:survey_distribution", args=[survey.uid])))
    assert "Relancer 0 organisme (0 destinataire)" in page


def test_response_rate_by_departement_and_bodies_without_account(client, territory):
    survey = territory["survey"]
    ain, ain_admin, _ = territory["ain"]
    answer(survey, ain, ain_admin, A=1)
    rows, total = survey_distribution.response_rates(survey)
    assert [(r.code, r.bodies, r.answered, r.percent) for r in rows] == [
        ("01", 3, 1, 33.3),
        ("38", 2, 0, 0.0),
    ]
    assert (total.bodies, total.answered, total.percent) == (4, 1, 25.0)
    client.force_login(national_admin())
    page = words(client.get(reverse("workshops:survey_distribution", args=[survey.uid])))
    assert "Ain (01) 3 1 33,3 %" in page and "Isère (38) 2 0 0,0 %" in page
    assert "Ensemble du territoire 4 1 25,0 %" in page
    silent = territory["silent"]
    assert f"{silent.display_name} {silent.finess} 2" in page
    assert territory["breton"].finess not in page and "Association bretonne" not in page
    response = client.get(reverse("workshops:survey_without_account_csv", args=[survey.uid]))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Organisme gestionnaire;FINESS EJ;ESSMS ouverts")
    assert lines[1].startswith(f"{silent.display_name};{silent.finess};2") and len(lines) == 2


def test_only_the_staff_of_the_survey_distributes_it(client, territory):
    survey = territory["survey"]
    url = reverse("workshops:survey_distribution", args=[survey.uid])
    for user in (territory["ain"][1], regional_actor("53")):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert (
            client.post(
                reverse("workshops:survey_invite", args=[survey.uid]), {"expected": 4}
            ).status_code
            == 403
        )
    assert not SurveyContact.objects.exists()
    creator = regional_actor("84")
    mine = open_survey("regional", "84", title="Le mien")
    mine.created_by = creator
    mine.save()
    creator.scoped_roles.all().delete()  # its creator keeps distributing it
    client.force_login(creator)
    assert client.get(reverse("workshops:survey_distribution", args=[mine.uid])).status_code == 200
    for hostile in ("²", "٣", "-1", "9" * 40, ""):
        client.force_login(regional_actor("84"))
        response = client.post(
            reverse("workshops:survey_invite", args=[survey.uid]), {"expected": hostile}
        )
        assert response.status_code == 200
    assert not SurveyContact.objects.exists()
