"""A numeric programme rule only takes a number the simulations can compute with: a
superscript digit (``Decimal("²")`` fails) or ``1e999999999`` (``int()`` of it runs for
minutes) was saved, then broke every eligibility and funding page."""

import pytest
from django.urls import reverse

from mutualis.grappes.models import ProgrammeRule
from mutualis.grappes.rules import parse_number
from tests.factories import national_admin
from tests.pages import words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["²", "1e999999999", "NaN", "Infinity", "15 ESSMS"])
def test_a_numeric_rule_refuses_what_is_not_a_bounded_number(client, raw):
    client.force_login(national_admin())
    rule = ProgrammeRule.objects.get(programme="generalisation", key="grappe.min_essms")

    response = client.post(
        reverse("grappes:edit_rule", args=[rule.pk]),
        {"value": raw, "valid_to": "2025", "source": "S03", "reliability": "verified"},
    )

    assert response.status_code == 200
    expected = "Nombre attendu (ex. 15 ou 1 250,50), de moins de 12 chiffres avant la virgule."
    assert expected in words(response)
    assert ProgrammeRule.objects.get(pk=rule.pk).value == "15"


def test_numbers_are_read_as_written_in_french():
    assert parse_number("1 250,50") == parse_number("1250.5")
    assert parse_number("²") is None and parse_number("1e13") is None
