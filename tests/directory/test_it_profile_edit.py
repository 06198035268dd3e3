import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.directory.models import ItProfile, Solution
from tests.factories import EstablishmentFactory, MembershipFactory, UserFactory, checked_segur


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


def test_a_deployed_dui_without_solution_is_saved_and_flagged(client, establishment):
    client.force_login(MembershipFactory(managing_body=establishment.managing_body).user)
    response = client.post(edit_url(establishment), {"dui_status": "deployed"})
    assert response.status_code == 302
    assert ItProfile.objects.get(establishment=establishment).solution is None
    page = client.get(reverse("directory:establishment", args=[establishment.finess]))
    assert "Solution non renseignée : indiquez la solution DUI utilisée." in page.text


def test_another_solution_is_declared_and_shown(client, establishment):
    client.force_login(MembershipFactory(managing_body=establishment.managing_body).user)
    form = client.get(edit_url(establishment))
    assert '<option value="autre">Autre solution (préciser)</option>' in form.text
    response = client.post(
        edit_url(establishment),
        {
            "dui_status": "partial",
            "solution": "autre",
            "other_solution_name": "  Dossier Maison ",
            "other_editor_name": "Éditeur Régional",
        },
    )
    assert response.status_code == 302
    profile = ItProfile.objects.get(establishment=establishment)
    assert (profile.solution, profile.other_solution_name, profile.other_editor_name) == (
        None,
        "Dossier Maison",
        "Éditeur Régional",
    )
    page = client.get(reverse("directory:establishment", args=[establishment.finess]))
    assert "Dossier Maison — Éditeur Régional" in page.text
    assert "référencement Ségur non évaluable" in page.text
    again = client.get(edit_url(establishment))
    assert '<option value="autre" selected>' in again.text


def test_the_page_shows_a_solution_s_segur_referencing_as_checked(client, establishment):
    solution = Solution.objects.get(name="MALTA")
    ItProfile.objects.create(establishment=establishment, dui_status="deployed", solution=solution)
    url = reverse("directory:establishment", args=[establishment.finess])
    assert "Référencement Ségur non évaluable" in client.get(url).text
    checked_segur(solution)
    page = client.get(url).text
    assert "Référencée Ségur" in page and "vérifié le 01/12/2026" in page


def test_other_users_cannot_edit(client, establishment):
    client.force_login(UserFactory())
    assert client.get(edit_url(establishment)).status_code == 403
    assert client.post(edit_url(establishment), {"dui_status": "none"}).status_code == 403
    assert not ItProfile.objects.exists()


def test_anonymous_users_are_sent_to_sign_in(client, establishment):
    response = client.get(edit_url(establishment))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
