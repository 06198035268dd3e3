"""The organisation chosen in the header is parsed by a form field: a superscript digit or a
number beyond 64 bits is refused in French, never a 500."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["²", str(2**70), "x"])
def test_switching_to_a_malformed_organisation_is_refused_in_french(client, raw):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:switch_organisation"), {"managing_body": raw})

    assert response.status_code == 403
    assert "Vous n'êtes pas membre de cet organisme." in text(response)
