"""Once-only priorities: a survey may require a priority level ("le plus prioritaire") to be
given to one lever at most; stored on the survey, chosen at its creation, editable in the
admin; the answer form explains the rule and refuses two levers at that level, naming them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.workshops import survey_services
from mutualis.workshops.models import Lever, NeedsSurvey, Priority, SurveyAnswer
from tests.factories import UserFactory, regional_actor
from tests.pages import text
from tests.workshops.conftest import SEED_LEVERS, open_survey
from tests.workshops.survey_builders import body_in, ratings

pytestmark = pytest.mark.django_db

ANSWER = {f"levier-{code}": "1" for code in SEED_LEVERS}


def test_the_form_explains_the_rule_and_refuses_two_top_levers(client):
    survey = open_survey("regional", "84")
    assert survey.unique_levels == [Priority.TOP]
    _, admin = body_in("Association de l'Ain", "01")
    client.force_login(admin)
    url = reverse("workshops:survey_answer", args=[survey.uid])
    assert "« Le plus prioritaire » ne peut être donné qu'à un seul levier" in text(client.get(url))
    refused = text(client.post(url, ANSWER | {"levier-B": "3", "levier-E": "3"}))
    assert (
        "« Le plus prioritaire » ne peut être donné qu'à un seul levier : vous l'avez donné à B."
        in refused
    )
    assert " et E. " in refused
    assert not SurveyAnswer.objects.exists()
    assert client.post(url, ANSWER | {"levier-B": "3", "levier-E": "2"}).status_code == 302
    assert SurveyAnswer.objects.get().ratings.get(lever__code="B").level == 3


def test_the_service_refuses_it_too_and_a_survey_may_not_require_it():
    strict = open_survey("national")
    body, admin = body_in("Association de l'Ain", "01")
    with pytest.raises(ValidationError, match=r"A\. .* et C\. "):
        survey_services.save_answer(admin, strict, body, ratings(A=3, B=3, C=3))
    free = open_survey("national", unique_levels=())
    assert free.unique_levels == [] and free.once_only_levels == []
    answer = survey_services.save_answer(admin, free, body, ratings(A=3, B=3, C=3))
    assert answer.ratings.filter(level=Priority.TOP).count() == 3
    several = open_survey("national", unique_levels=(Priority.TOP, Priority.HIGH, 9))
    assert several.unique_levels == [Priority.HIGH, Priority.TOP]
    with pytest.raises(ValidationError, match="Très prioritaire"):
        survey_services.save_answer(admin, several, body, ratings(A=2, B=2))


def test_the_creation_form_sets_the_once_only_levels(client):
    client.force_login(regional_actor("84"))
    page = text(client.get(reverse("workshops:surveys")))
    assert "Priorités à n'attribuer qu'à un seul levier" in page
    data = {
        "title": "Sans contrainte",
        "scope": "regional",
        "region": "84",
        "opens_on": "2026-01-01",
        "closes_on": "2026-12-31",
        "levers": list(Lever.objects.values_list("pk", flat=True)),
    }
    client.post(reverse("workshops:surveys"), data)
    client.post(reverse("workshops:surveys"), data | {"title": "Strict", "unique_levels": ["3"]})
    client.post(reverse("workshops:surveys"), data | {"title": "Hostile", "unique_levels": ["٣"]})
    assert NeedsSurvey.objects.get(title="Sans contrainte").unique_levels == []
    assert NeedsSurvey.objects.get(title="Strict").unique_levels == [3]
    assert not NeedsSurvey.objects.filter(title="Hostile").exists()


def test_the_admin_edits_the_once_only_levels(client):
    survey = open_survey("national")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:workshops_needssurvey_change", args=[survey.pk])
    page = text(client.get(url))
    assert "Priorités à n'attribuer qu'à un seul levier" in page and 'value="3" ' in page
