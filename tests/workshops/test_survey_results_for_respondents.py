"""Respondents read the analysis of needs once the survey is finished, not before; those who
did not answer never do."""

import pytest
from django.urls import reverse

from mutualis.workshops import survey_services
from tests.factories import MembershipFactory, national_admin
from tests.pages import text
from tests.workshops.conftest import SEED_LEVERS, body_with, open_survey

pytestmark = pytest.mark.django_db


def test_the_analysis_opens_to_respondents_once_the_survey_is_finished(client):
    survey = open_survey("regional", "84", title="Besoins de l'Ain")
    body, admin = body_with(3, "Association de l'Ain")
    colleague = MembershipFactory(managing_body=body).user
    _, outsider = body_with(2, "Fondation sans réponse")
    survey_services.save_answer(admin, survey, body, dict.fromkeys(SEED_LEVERS, 2))
    results = reverse("workshops:survey_results", args=[survey.uid])

    client.force_login(colleague)
    assert client.get(results).status_code == 403  # still open: no answer is swayed
    home = text(client.get(reverse("workshops:home")))
    assert "Résultats des recensements auxquels vous avez répondu" not in home

    survey_services.close_survey(national_admin(), survey)
    assert client.get(results).status_code == 200
    home = text(client.get(reverse("workshops:home")))
    assert "Analyse des besoins — Besoins de l'Ain" in home
    assert "Analyse des besoins" in text(client.get(reverse("workshops:survey", args=[survey.uid])))
    csv = client.get(reverse("workshops:survey_csv", args=[survey.uid]))
    assert csv.status_code == 200

    client.force_login(outsider)
    assert client.get(results).status_code == 403
