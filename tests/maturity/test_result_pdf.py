"""The result can be downloaded as a PDF, with the same permissions as the page."""

import pytest
from django.urls import reverse

from mutualis.maturity import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_members_download_the_result_as_pdf(client, member, establishment, indicators):
    assessment = services.start_assessment(member, establishment.managing_body, establishment)
    for indicator in indicators:
        services.save_answer(member, assessment, indicator.code, 2)
    services.submit_assessment(member, assessment)
    url = reverse("maturity:result_pdf", args=[assessment.uid])
    client.force_login(member)

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="autodiagnostic-{assessment.campaign}-ehpad-les-tilleuls.pdf"'
    )
    assert response.content.startswith(b"%PDF-") and len(response.content) > 10_000
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
