"""A cooperation answer is parsed by a choice field: a superscript digit (``"²".isdigit()`` is
true, ``int("²")`` fails) or a number beyond 64 bits is refused in French, never a 500."""

import pytest

from mutualis.agreements.models import CooperationAnswer
from tests.agreements.test_cooperation_page import post_answers
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["²", "³", "9" * 30, " 3", "3.0"])
def test_a_hostile_answer_is_refused_in_french(client, grappe, carrier, raw):
    response = post_answers(client, carrier[1], grappe, 3, FIN1=raw)

    assert response.status_code == 200
    assert "Réponse non valable à la question FIN1." in text(response)
    assert not CooperationAnswer.objects.exists()
