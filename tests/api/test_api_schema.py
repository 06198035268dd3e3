"""The OpenAPI schema describes the answers as they are: an experience report without an
initiative has ``initiative: null``; eligibility and funding answers have their fields (the
API fuzz, ``tests/fuzz/test_api_fuzz.py``, checks every answer against them)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    response = client.get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_initiative_of_a_report_is_nullable(schema):
    initiative = schema["components"]["schemas"]["ExperienceReport"]["properties"]["initiative"]

    assert initiative["nullable"] is True


@pytest.mark.parametrize(
    ("path", "component", "fields"),
    [
        (
            "/api/grappes/eligibility/",
            "EligibilityOutput",
            {"eligible", "eligible_count", "call", "grappe_failures", "establishments"},
        ),
        (
            "/api/grappes/funding/",
            "FundingOutput",
            {"computed_at", "total", "tranches", "members", "establishments", "grappe_lines"},
        ),
    ],
)
def test_eligibility_and_funding_answers_are_described(schema, path, component, fields):
    answer = schema["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]

    assert answer["schema"] == {"$ref": f"#/components/schemas/{component}"}
    assert fields <= set(schema["components"]["schemas"][component]["properties"])
