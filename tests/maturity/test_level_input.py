"""A posted palier is parsed by a form field: a superscript digit (``"²".isdigit()`` is true,
``int("²")`` fails), a huge number or a level out of range is refused in French, never a 500."""

import pytest
from django.urls import reverse

from mutualis.maturity.forms import LEVEL_ERROR
from mutualis.maturity.models import Answer, Assessment
from tests.pages import text

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "5", "-1", "9" * 30, "deux"]


@pytest.fixture
def assessment(client, member):
    client.force_login(member)
    client.post(reverse("maturity:start"), {"subject": ""})
    return Assessment.objects.get()


@pytest.mark.parametrize("raw", HOSTILE)
def test_the_htmx_save_refuses_a_bad_level(client, assessment, raw):
    url = reverse("maturity:save_answer", args=[assessment.uid, "1.1.1"])

    response = client.post(url, {"niveau-1.1.1": raw}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert LEVEL_ERROR in text(response)
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.mark.parametrize("raw", HOSTILE)
def test_the_dimension_form_refuses_a_bad_level_and_saves_nothing(
    client, assessment, indicators, raw
):
    first = [i for i in indicators if i.theme.dimension.code == "1"]
    data = {f"niveau-{i.code}": "2" for i in first} | {f"niveau-{first[-1].code}": raw}
    url = reverse("maturity:fill", args=[assessment.uid]) + "?dimension=1"

    response = client.post(url, data, follow=True)

    assert response.redirect_chain[-1][0] == url
    assert LEVEL_ERROR in text(response)
    assert not Answer.objects.filter(assessment=assessment).exists()
