"""A member shares its assessment with the grappe; the grappe reads it, outsiders do not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mutualis.grappes import services
from mutualis.maturity import services as maturity
from tests.factories import UserFactory
from tests.grappes.conftest import submitted
from tests.pages import text

pytestmark = pytest.mark.django_db


def test_sharing_with_the_grappe(client, carrier, partner):
    body, admin = carrier
    grappe = services.create_grappe(admin, body, "Grappe", "generalisation", 2026)
    services.invite_member(admin, grappe, partner[0])
    member = grappe.members.get(managing_body=partner[0])
    services.answer_invitation(partner[1], member, accept=True)
    assessment = submitted(partner[1], partner[0])

    client.force_login(partner[1])
    page = text(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Partager un autodiagnostic de votre organisme" in page
    client.post(reverse("grappes:share", args=[grappe.uid]), {"autodiagnostic": assessment.uid})

    client.force_login(admin)  # the carrier now reads the partner's answers
    share = grappe.shared_assessments.get()
    result = client.get(reverse("grappes:shared", args=[grappe.uid, share.pk]))
    assert result.status_code == 200 and "Pour progresser" in text(result)
    assert client.get(reverse("maturity:result", args=[assessment.uid])).status_code == 403

    client.force_login(UserFactory())
    assert client.get(reverse("grappes:shared", args=[grappe.uid, share.pk])).status_code == 403


def test_only_members_share_their_own_submitted_assessments(carrier, partner):
    body, admin = carrier
    grappe = services.create_grappe(admin, body, "Grappe", "generalisation", 2026)
    outsider_assessment = submitted(partner[1], partner[0])
    with pytest.raises(PermissionDenied):
        services.share_assessment(partner[1], grappe, outsider_assessment)  # not a member
    draft = maturity.start_assessment(admin, body, campaign=2025)
    with pytest.raises(ValidationError, match="Seul un autodiagnostic soumis"):
        services.share_assessment(admin, grappe, draft)
