"""The respondent of a survey answer (``?pour=``) is parsed by the form that offers the
choice: the organisation or one of its open ESSMS; anything else is a 404, never a server
error (a NUL byte answered 500 on PostgreSQL)."""

import pytest
from django.urls import reverse

from tests.factories import EstablishmentFactory
from tests.pages import text
from tests.workshops.conftest import body_with, open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    survey = open_survey("regional", "84")
    body, admin = body_with(2, "Association de l'Ain")
    client.force_login(admin)
    return reverse("workshops:survey_answer", args=[survey.uid]), body


def test_the_organisation_or_one_of_its_open_essms_answers(client, setting):
    url, body = setting
    essms = body.establishments.order_by("finess").first()

    assert client.get(url).status_code == 200
    assert client.get(url, {"pour": body.finess}).status_code == 200
    page = client.get(url, {"pour": essms.finess})
    assert page.status_code == 200
    assert essms.name in text(page)


@pytest.mark.parametrize("value", ["\x00", "²", "9" * 30, "pas-un-finess", "010000000 "])
def test_anything_else_is_not_found(client, setting, value):
    url, _ = setting

    assert client.get(url, {"pour": value}).status_code == 404


def test_a_closed_or_foreign_essms_is_not_found(client, setting):
    url, body = setting
    closed = EstablishmentFactory(managing_body=body, is_closed=True)
    foreign = EstablishmentFactory()

    assert client.get(url, {"pour": closed.finess}).status_code == 404
    assert client.get(url, {"pour": foreign.finess}).status_code == 404
