"""Meetings carry their decisions (decision, owner, due date, state), listed in the project's
decision log; the progress report (page and PDF) includes the meetings and the decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.projects import services
from mutualis.projects.models import Decision
from tests.pages import text, words
from tests.projects.factories import GrappeMemberFactory, MeetingFactory
from tests.projects.test_report_pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_a_member_records_a_decision_of_a_meeting(client, setup):
    project = setup.open()
    meeting = MeetingFactory(project=project, date=datetime.date(2026, 3, 10))
    client.force_login(setup.partner_user)
    page = client.get(reverse("projects:meetings", args=[project.uid]))
    assert "Aucune décision enregistrée pour cette réunion." in text(page)
    prefix = f"decision-{meeting.pk}"
    response = client.post(
        reverse("projects:decision_add", args=[project.uid, meeting.uid]),
        {
            f"{prefix}-text": "Choisir l'AMOA avant le 30 avril",
            f"{prefix}-owner": setup.partner_member.pk,
            f"{prefix}-due_date": "2026-04-30",
            f"{prefix}-status": "open",
        },
        follow=True,
    )
    assert "Décision ajoutée." in text(response)
    decision = Decision.objects.get()
    assert (decision.meeting, decision.project, decision.owner) == (
        meeting,
        project,
        setup.partner_member,
    )
    assert "Choisir l'AMOA avant le 30 avril Fondation Partenaire 30/04/2026 À réaliser" in words(
        response
    )

    log = client.get(reverse("projects:decisions", args=[project.uid]))
    assert (
        "10/03/2026 Choisir l'AMOA avant le 30 avril Fondation Partenaire 30/04/2026 À réaliser"
        in words(log)
    )
    assert "En retard" in words(log)  # open and past its due date


def test_an_empty_decision_or_a_foreign_owner_is_refused(client, setup):
    project = setup.open()
    meeting = MeetingFactory(project=project)
    client.force_login(setup.partner_user)
    prefix = f"decision-{meeting.pk}"
    response = client.post(
        reverse("projects:decision_add", args=[project.uid, meeting.uid]),
        {f"{prefix}-text": "", f"{prefix}-status": "open"},
    )
    assert response.status_code == 200 and "Ce champ est obligatoire." in text(response)
    stranger = GrappeMemberFactory()
    with pytest.raises(ValidationError, match="n'appartient pas à la grappe"):
        services.add_decision(
            setup.partner_user, meeting, {"text": "Hors grappe", "owner": stranger}
        )
    assert not Decision.objects.exists()


def test_readers_see_the_log_but_do_not_write(client, setup, regional):
    project = setup.open()
    meeting = MeetingFactory(project=project)
    services.add_decision(setup.carrier_admin, meeting, {"text": "Relancer l'éditeur"})
    client.force_login(regional)
    assert "Relancer l'éditeur" in text(
        client.get(reverse("projects:decisions", args=[project.uid]))
    )
    prefix = f"decision-{meeting.pk}"
    response = client.post(
        reverse("projects:decision_add", args=[project.uid, meeting.uid]),
        {f"{prefix}-text": "Intrusion", f"{prefix}-status": "open"},
    )
    assert response.status_code == 403
    assert Decision.objects.count() == 1


def test_the_report_lists_meetings_and_decisions(client, setup):
    project = setup.open()
    meeting = MeetingFactory(project=project, date=datetime.date(2026, 2, 1), agenda="Marché")
    services.add_decision(
        setup.carrier_admin,
        meeting,
        {
            "text": "Valider le cahier des charges",
            "owner": setup.carrier_member,
            "due_date": datetime.date(2026, 3, 1),
        },
    )
    client.force_login(setup.carrier_admin)
    page = words(client.get(reverse("projects:report", args=[project.uid])))
    assert "Réunions et décisions" in page
    assert "01/02/2026" in page and "Marché" in page
    assert "Valider le cahier des charges Association Porteuse 01/03/2026 À réaliser" in page
    pdf = pdf_text(client.get(reverse("projects:report_pdf", args=[project.uid])))
    assert "Réunions et décisions" in pdf
    assert "Valider le cahier des charges" in pdf and "01/03/2026" in pdf
