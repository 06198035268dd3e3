"""Declaring an establishment's IT profile through the API, with a DRF token."""

import pytest
from rest_framework.authtoken.models import Token

from mutualis.accounts.models import MembershipRole
from mutualis.core.models import AuditLog
from mutualis.directory.models import ItProfile, Solution
from tests.factories import EstablishmentFactory, MembershipFactory, UserFactory, national_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def establishment():
    return EstablishmentFactory()


@pytest.fixture
def url(establishment):
    return f"/api/establishments/{establishment.finess}/it-profile/"


@pytest.fixture
def solution():
    return Solution.objects.select_related("editor").first()


@pytest.fixture
def member(establishment):
    return MembershipFactory(
        managing_body=establishment.managing_body, role=MembershipRole.MEMBER
    ).user


def auth(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def put(client, url, data, **headers):
    return client.put(url, data, content_type="application/json", **headers)


def payload(chosen, **overrides):
    data = {
        "dui_status": "deployed",
        "solution": str(chosen.uid) if chosen else None,
        "hosting_mode": "saas",
        "workstation_count": 12,
        "mobile_device_count": 4,
        "has_broadband": True,
        "has_wifi": False,
    }
    data.update(overrides)
    return data


def test_a_member_declares_the_profile_with_a_token(client, establishment, url, member, solution):
    response = put(client, url, payload(solution), **auth(member))

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["dui_status"] == "deployed"
    assert data["solution"] == str(solution.uid)
    assert data["workstation_count"] == 12
    assert data["updated_at"]
    profile = ItProfile.objects.get(establishment=establishment)
    assert profile.dui_status == "deployed"
    assert profile.solution == solution
    assert profile.hosting_mode == "saas"
    assert profile.workstation_count == 12
    assert profile.mobile_device_count == 4
    assert profile.has_broadband is True
    assert profile.has_wifi is False
    assert profile.updated_by == member
    assert profile.is_demo is False
    audit = AuditLog.objects.get(action="it_profile.update")
    assert audit.actor == member
    assert audit.object_type == "directory.establishment"
    assert audit.object_id == establishment.finess
    assert audit.changes["dui_status"] == ["none", "deployed"]
    assert audit.changes["workstation_count"] == ["", "12"]


def test_a_second_put_updates_the_same_profile(client, establishment, url, member, solution):
    put(client, url, payload(solution), **auth(member))

    response = put(
        client,
        url,
        {"dui_status": "none", "solution": None, "workstation_count": 3},
        **auth(member),
    )

    assert response.status_code == 200, response.content
    profile = ItProfile.objects.get(establishment=establishment)
    assert profile.dui_status == "none"
    assert profile.solution is None
    assert profile.workstation_count == 3
    assert AuditLog.objects.filter(action="it_profile.update").count() == 2
    last = AuditLog.objects.filter(action="it_profile.update").order_by("pk").last()
    assert last.changes["workstation_count"] == ["12", "3"]


def test_a_national_admin_may_declare_too(client, establishment, url, solution):
    response = put(client, url, payload(solution), **auth(national_admin()))

    assert response.status_code == 200
    assert ItProfile.objects.filter(establishment=establishment).exists()


@pytest.mark.parametrize("who", ["stranger", "member_elsewhere", "regional"])
def test_someone_outside_the_body_gets_a_403_in_french(client, establishment, url, solution, who):
    if who == "stranger":
        user = UserFactory()
    elif who == "member_elsewhere":
        user = MembershipFactory(role=MembershipRole.ADMIN).user
    else:
        user = UserFactory()
        user.scoped_roles.create(role="regional").regions.set(["84"])

    response = put(client, url, payload(solution), **auth(user))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Seuls les membres de l'organisme gestionnaire peuvent modifier ce profil."
    }
    assert not ItProfile.objects.exists()
    assert not AuditLog.objects.exists()


def test_anonymous_gets_a_401(client, url, solution):
    response = put(client, url, payload(solution))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not ItProfile.objects.exists()


def test_a_wrong_token_gets_a_401(client, url, solution):
    response = put(client, url, payload(solution), HTTP_AUTHORIZATION="Token pas-un-jeton")

    assert response.status_code == 401
    assert response.json() == {"detail": "Token non valide."}
    assert not ItProfile.objects.exists()


def test_a_deployed_dui_without_solution_is_saved(client, establishment, url, member, solution):
    response = put(client, url, payload(solution, solution=None), **auth(member))

    assert response.status_code == 200, response.content
    assert ItProfile.objects.get(establishment=establishment).solution is None


def test_another_solution_is_declared_with_its_editor(client, establishment, url, member):
    data = payload(
        None, solution=None, other_solution_name="Dossier Maison", other_editor_name="Régional"
    )

    response = put(client, url, data, **auth(member))

    assert response.status_code == 200, response.content
    assert response.json()["other_solution_name"] == "Dossier Maison"
    assert response.json()["other_editor_name"] == "Régional"
    profile = ItProfile.objects.get(establishment=establishment)
    assert (profile.solution, profile.other_editor_name) == (None, "Régional")


def test_no_dui_with_a_solution_is_refused_in_french(client, url, member, solution):
    response = put(client, url, payload(solution, dui_status="none"), **auth(member))

    assert response.status_code == 400
    assert response.json() == {
        "solution": [
            "Sans DUI, aucune solution ne peut être indiquée : retirez la solution ou "
            "indiquez l'état du DUI."
        ]
    }
    assert not ItProfile.objects.exists()
    assert not AuditLog.objects.exists()


def test_switching_to_no_dui_must_clear_the_other_solution_too(client, url, member):
    put(
        client,
        url,
        payload(None, solution=None, other_solution_name="X", other_editor_name="Y"),
        **auth(member),
    )

    refused = put(client, url, {"dui_status": "none", "solution": None}, **auth(member))
    accepted = put(
        client,
        url,
        {"dui_status": "none", "other_solution_name": "", "other_editor_name": ""},
        **auth(member),
    )

    assert refused.status_code == 400 and "solution" in refused.json()
    assert accepted.status_code == 200, accepted.content
    assert ItProfile.objects.get().other_solution_name == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dui_status", "installed"),
        ("hosting_mode", "cloud"),
        ("workstation_count", -1),
        ("mobile_device_count", 10_001),
        ("other_editor_name", "Éditeur sans solution"),
        ("solution", "00000000-0000-0000-0000-000000000000"),
    ],
)
def test_invalid_values_are_refused(client, url, member, solution, field, value):
    response = put(client, url, payload(solution, **{field: value}), **auth(member))

    assert response.status_code == 400
    assert field in response.json()
    assert not ItProfile.objects.exists()


def test_get_returns_the_profile(client, establishment, url, member, solution):
    put(client, url, payload(solution), **auth(member))

    response = client.get(url)

    assert response.status_code == 200
    assert response.json()["dui_status"] == "deployed"
    assert response.json()["solution"] == str(solution.uid)
    assert response.json()["hosting_mode"] == "saas"


def test_get_is_a_404_when_no_profile_was_declared(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert not ItProfile.objects.exists()


def test_an_unknown_establishment_is_a_404(client, member, solution):
    response = put(
        client, "/api/establishments/999999999/it-profile/", payload(solution), **auth(member)
    )

    assert response.status_code == 404


def test_a_closed_establishment_keeps_its_profile_readable(client, member, solution):
    closed = EstablishmentFactory(managing_body=member.memberships.get().managing_body)
    url = f"/api/establishments/{closed.finess}/it-profile/"
    put(client, url, payload(solution), **auth(member))
    closed.is_closed = True
    closed.save()

    response = client.get(url)

    assert response.status_code == 200
    assert response.json()["dui_status"] == "deployed"


def test_the_schema_documents_other_solutions_and_dated_segur_referencing(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    profile = schema["components"]["schemas"]["ItProfile"]["properties"]
    assert "Autre solution (préciser)" in profile["other_solution_name"]["description"]
    assert "éditeur" in profile["other_editor_name"]["description"]
    put = schema["paths"]["/api/establishments/{finess}/it-profile/"]["put"]
    assert "pas de solution sans DUI" in put["description"]
    example = put["requestBody"]["content"]["application/json"]["examples"]
    assert next(iter(example.values()))["value"]["other_editor_name"] == "Éditeur régional"
    solution = schema["components"]["schemas"]["Solution"]["properties"]
    assert {"segur_status", "segur_checked_on", "segur_source"} <= set(solution)
    assert solution["segur_referenced"]["nullable"] is True
