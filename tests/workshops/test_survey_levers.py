"""The creator of a survey chooses the levers it asks about (default: the reference levers
proposed by default); respondents rate those only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.workshops import survey_services
from mutualis.workshops.models import Lever, NeedsSurvey
from tests.factories import regional_actor
from tests.pages import text
from tests.workshops.conftest import SEED_LEVERS, body_with

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def form_data(**fields) -> dict:
    return {
        "title": "Besoins de l'Ain",
        "scope": "regional",
        "region": "84",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + dt.timedelta(days=30)).isoformat(),
        **fields,
    }


def lever_pks(*codes: str) -> list[int]:
    return list(Lever.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_the_creator_chooses_the_levers_and_respondents_rate_those_only(client):
    client.force_login(regional_actor("84"))
    page = text(client.get(reverse("workshops:surveys")))
    assert "Leviers à faire noter" in page
    client.post(reverse("workshops:surveys"), form_data(levers=lever_pks("A", "C")))
    survey = NeedsSurvey.objects.get()
    assert sorted(survey.levers.values_list("code", flat=True)) == ["A", "C"]

    _, admin = body_with(2, "Association de l'Ain")
    client.force_login(admin)
    form = text(client.get(reverse("workshops:survey_answer", args=[survey.uid])))
    labels = dict(Lever.objects.values_list("code", "label"))
    assert labels["A"] in form and labels["C"] in form and labels["B"] not in form


def test_a_survey_needs_one_lever_at_least(client):
    client.force_login(regional_actor("84"))
    page = text(client.post(reverse("workshops:surveys"), form_data()))
    assert "Choisissez au moins un levier." in page
    assert not NeedsSurvey.objects.exists()
    with pytest.raises(ValidationError, match="au moins un levier"):
        survey_services.create_survey(
            None, "Vide", "national", TODAY, TODAY, levers=Lever.objects.none()
        )


def test_by_default_the_levers_proposed_by_default():
    survey = survey_services.create_survey(None, "National", "national", TODAY, TODAY)
    assert sorted(survey.levers.values_list("code", flat=True)) == sorted(SEED_LEVERS)
