import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.directory.models import ItProfile, Solution
from tests.factories import EstablishmentFactory, MembershipFactory, UserFactory


@pytest.fixture
def establishment(db):
    return EstablishmentFactory()


def edit_url(establishment) -> str:
    return reverse("directory:it_profile_edit", args=[establishment.finess])


def test_a_member_declares_the_it_profile(client, establishment):
    member = MembershipFactory(managing_body=establishment.managing_body).user
    client.force_login(member)
    solution = Solution.objects.get(name="MALTA")
    response = client.post(
        edit_url(establishment),
        {
            "dui_status": "deployed",
            "solution": solution.pk,
            "hosting_mode": "saas",
            "workstation_count": "12",
            "has_broadband": "True",
            "has_wifi": "",
        },
    )
    assert response.status_code == 302
    profile = ItProfile.objects.get(establishment=establishment)
    assert (profile.solution, profile.hosting_mode, profile.workstation_count) == (
        solution,
        "saas",
        12,
    )
    assert profile.has_broadband is True and profile.has_wifi is None
    assert profile.updated_by == member
    audit = AuditLog.objects.get(action="it_profile.update")
    assert audit.object_id == establishment.finess and audit.actor == member
    page = client.get(reverse("directory:establishment", args=[establishment.finess]))
    assert "MALTA — Malta Informatique" in page.text


def test_a_deployed_dui_needs_its_solution(client, establishment):
    client.force_login(MembershipFactory(managing_body=establishment.managing_body).user)
    response = client.post(edit_url(establishment), {"dui_status": "deployed"})
    assert response.status_code == 200
    assert "Indiquez la solution DUI utilisée." in response.text
    assert not ItProfile.objects.exists()


def test_other_users_cannot_edit(client, establishment):
    client.force_login(UserFactory())
    assert client.get(edit_url(establishment)).status_code == 403
    assert client.post(edit_url(establishment), {"dui_status": "none"}).status_code == 403
    assert not ItProfile.objects.exists()


def test_anonymous_users_are_sent_to_sign_in(client, establishment):
    response = client.get(edit_url(establishment))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
