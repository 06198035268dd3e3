"""A survey's respondents are those of its territory: a regional survey offers only the body's
ESSMS of the région, refuses any other with a French form error (no 403, nothing written),
and a body without ESSMS in the région cannot answer as a body either."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mutualis.workshops import perms, survey_selectors, survey_services
from mutualis.workshops.models import SurveyAnswer
from tests.pages import text
from tests.workshops.conftest import SEED_LEVERS, open_survey
from tests.workshops.survey_builders import body_in, ratings

pytestmark = pytest.mark.django_db

ANSWER = {f"levier-{code}": "1" for code in SEED_LEVERS}


def _essms(body, departement):
    return body.establishments.get(departement_id=departement)


def test_a_regional_survey_offers_only_the_essms_of_its_region(client):
    survey = open_survey("regional", "84", title="Besoins AURA")
    body, admin = body_in("Association des deux régions", "01", "35")
    client.force_login(admin)
    page = text(client.get(reverse("workshops:survey", args=[survey.uid])))
    ain, rennes = _essms(body, "01"), _essms(body, "35")
    assert ain.finess in page and rennes.finess not in page
    assert "Association des deux régions (organisme gestionnaire)" in page


def test_an_essms_of_another_region_is_refused_with_a_form_error_even_posted_by_hand(client):
    survey = open_survey("regional", "84")
    body, admin = body_in("Association des deux régions", "01", "35")
    rennes = _essms(body, "35")
    client.force_login(admin)
    url = reverse("workshops:survey_answer", args=[survey.uid]) + f"?pour={rennes.finess}"
    shown = client.get(url)
    assert shown.status_code == 200
    assert f"({rennes.finess}) n'est pas situé en Auvergne-Rhône-Alpes" in text(shown)
    posted = client.post(url, ANSWER)
    assert posted.status_code == 200 and "n'est pas situé en Auvergne-Rhône-Alpes" in text(posted)
    posted = client.post(
        reverse("workshops:survey_answer", args=[survey.uid]), ANSWER | {"pour": rennes.finess}
    )
    assert posted.status_code == 200 and "n'est pas situé en" in text(posted)
    assert not SurveyAnswer.objects.exists()
    with pytest.raises(PermissionDenied):
        survey_services.save_answer(admin, survey, body, ratings(A=1), establishment=rennes)
    assert not SurveyAnswer.objects.exists()
    ok = client.post(
        reverse("workshops:survey_answer", args=[survey.uid])
        + f"?pour={_essms(body, '01').finess}",
        ANSWER,
    )
    assert ok.status_code == 302 and SurveyAnswer.objects.get().establishment.departement_id == "01"


def test_a_body_without_essms_in_the_region_cannot_answer_as_a_body(client):
    survey, national = open_survey("regional", "84"), open_survey("national")
    body, admin = body_in("Association bretonne siégeant dans l'Ain", "35", seat="01")
    assert not perms.can_answer_survey(admin, survey, body)
    assert list(survey_selectors.open_surveys_for(body)) == [national]
    client.force_login(admin)
    page = text(client.get(reverse("workshops:survey", args=[survey.uid])))
    assert "ne gère aucun ESSMS ouvert en Auvergne-Rhône-Alpes" in page
    url = reverse("workshops:survey_answer", args=[survey.uid])
    for response in (client.get(url), client.post(url, ANSWER)):
        assert response.status_code == 200
        assert "ne gère aucun ESSMS ouvert en Auvergne-Rhône-Alpes" in text(response)
    assert not SurveyAnswer.objects.exists()
    assert (
        client.post(reverse("workshops:survey_answer", args=[national.uid]), ANSWER).status_code
        == 302
    )


def test_a_body_seated_elsewhere_answers_for_its_essms_of_the_region():
    survey = open_survey("regional", "84")
    body, admin = body_in("Association parisienne", "01", seat="75")
    assert perms.can_answer_survey(admin, survey, body)
    assert survey in survey_selectors.open_surveys_for(body)
    answer = survey_services.save_answer(admin, survey, body, ratings(A=1))
    assert (answer.region_id, answer.departement_id) == ("84", "01")  # not its Paris seat


def test_another_organisations_essms_is_not_found(client):
    survey = open_survey("regional", "84")
    _, admin = body_in("Mon association", "01")
    other, _ = body_in("Autre association", "01")
    client.force_login(admin)
    url = reverse("workshops:survey_answer", args=[survey.uid])
    finess = other.establishments.get().finess
    assert client.get(f"{url}?pour={finess}").status_code == 404
    assert client.post(url, ANSWER | {"pour": finess}).status_code == 404
    for hostile in ("²", "٣٣", "x" * 5000, "\x00"):
        assert client.get(url, {"pour": hostile}).status_code == 404
    assert not SurveyAnswer.objects.exists()
