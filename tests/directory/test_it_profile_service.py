"""The form, the API and the service refuse the same contradictions with the same French
messages; the database holds the rules too, and migration 0007 fixed the rows before them."""

import importlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mutualis.core.models import AuditLog
from mutualis.directory import it_profile_rules as rules
from mutualis.directory import services
from mutualis.directory.models import ItProfile, Solution
from tests.factories import EstablishmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db
FIX = importlib.import_module(
    "mutualis.directory.migrations.0007_it_profile_other_solution_and_segur_status"
)

# (values, where "LISTED" is a solution of the list and "OTHER" the choice "Autre solution"),
# expected errors by field
CONTRADICTIONS = {
    "no DUI with a solution": (
        {"dui_status": "none", "solution": "LISTED"},
        {"solution": [rules.NO_DUI_SOLUTION]},
    ),
    "no DUI with another solution": (
        {
            "dui_status": "none",
            "solution": "OTHER",
            "other_solution_name": "Dossier Maison",
            "other_editor_name": "Régional",
        },
        {"solution": [rules.NO_DUI_SOLUTION]},
    ),
    "another solution without its editor": (
        {"dui_status": "partial", "solution": "OTHER", "other_solution_name": "Dossier Maison"},
        {"other_editor_name": [rules.OTHER_EDITOR_NAME_MISSING]},
    ),
    "a listed solution with another editor": (
        {"dui_status": "deployed", "solution": "LISTED", "other_editor_name": "Régional"},
        {"other_editor_name": [rules.LISTED_AND_OTHER]},
    ),
    "too many workstations": (
        {"dui_status": "deployed", "solution": "LISTED", "workstation_count": 10_001},
        {"workstation_count": [rules.COUNT_TOO_LARGE]},
    ),
    "a negative count": (
        {"dui_status": "none", "mobile_device_count": -3},
        {"mobile_device_count": [rules.COUNT_NEGATIVE]},
    ),
}


@pytest.fixture
def establishment():
    return EstablishmentFactory()


@pytest.fixture
def member(establishment):
    return MembershipFactory(managing_body=establishment.managing_body).user


@pytest.fixture
def listed():
    return Solution.objects.get(name="MALTA")


def form_data(values: dict, listed: Solution) -> dict:
    choice = {"LISTED": listed.pk, "OTHER": "autre"}.get(values.get("solution"), "")
    return {**values, "solution": choice}


def api_data(values: dict, listed: Solution) -> dict:
    choice = str(listed.uid) if values.get("solution") == "LISTED" else None
    return {**values, "solution": choice}


def service_data(values: dict, listed: Solution) -> dict:
    return {**values, "solution": listed if values.get("solution") == "LISTED" else None}


def nothing_written():
    return not ItProfile.objects.exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize("case", CONTRADICTIONS)
def test_the_form_refuses_with_the_rule_messages(client, establishment, member, listed, case):
    values, expected = CONTRADICTIONS[case]
    client.force_login(member)
    url = reverse("directory:it_profile_edit", args=[establishment.finess])

    response = client.post(url, form_data(values, listed))

    assert response.status_code == 200
    assert dict(response.context["form"].errors.items()) == expected
    assert "Le profil n'a pas été enregistré" in response.text
    assert nothing_written()


@pytest.mark.parametrize("case", CONTRADICTIONS)
def test_the_api_refuses_with_the_same_messages(client, establishment, member, listed, case):
    values, expected = CONTRADICTIONS[case]
    token, _ = Token.objects.get_or_create(user=member)

    response = client.put(
        f"/api/establishments/{establishment.finess}/it-profile/",
        api_data(values, listed),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 400
    assert response.json() == expected
    assert nothing_written()


@pytest.mark.parametrize("case", CONTRADICTIONS)
def test_the_service_refuses_whatever_the_caller(establishment, member, listed, case):
    values, expected = CONTRADICTIONS[case]

    with pytest.raises(services.InconsistentItProfile) as refused:
        services.update_it_profile(member, establishment, service_data(values, listed))

    assert refused.value.message_dict == expected
    assert nothing_written()


def test_the_service_checks_the_profile_as_it_would_be_stored(establishment, member, listed):
    services.update_it_profile(
        member, establishment, {"dui_status": "deployed", "solution": listed}
    )

    with pytest.raises(services.InconsistentItProfile) as refused:
        services.update_it_profile(member, establishment, {"dui_status": "none"})

    assert refused.value.message_dict == {"solution": [rules.NO_DUI_SOLUTION]}
    assert ItProfile.objects.get().dui_status == "deployed"
    cleared = services.update_it_profile(
        member, establishment, {"dui_status": "none", "solution": None}
    )
    assert (cleared.dui_status, cleared.solution) == ("none", None)


def test_the_database_refuses_a_contradiction_too(establishment, listed):
    with pytest.raises(IntegrityError), transaction.atomic():
        ItProfile.objects.create(establishment=establishment, dui_status="none", solution=listed)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItProfile.objects.create(
            establishment=establishment, dui_status="partial", other_solution_name="Seul"
        )
    assert not ItProfile.objects.exists()


def force_contradictions() -> None:
    """Let rows written before the rules in (constraints dropped or ignored in this test's
    transaction, which is rolled back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in ("it_profile_no_dui_no_solution", "it_profile_workstation_count_bounded"):
                cursor.execute(f'ALTER TABLE directory_itprofile DROP CONSTRAINT "{name}"')
        else:
            cursor.execute("PRAGMA ignore_check_constraints = 1")


def test_the_migration_fixes_former_contradictions_and_audits_them(listed):
    force_contradictions()
    try:
        stale = ItProfile.objects.create(
            establishment=EstablishmentFactory(), dui_status="none", solution=listed
        )
        huge = ItProfile.objects.create(
            establishment=EstablishmentFactory(),
            dui_status="deployed",
            solution=listed,
            workstation_count=250_000,
        )
        fine = ItProfile.objects.create(
            establishment=EstablishmentFactory(), dui_status="deployed", solution=listed
        )

        assert FIX.fix_profiles(ItProfile, AuditLog) == (1, 1)
    finally:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA ignore_check_constraints = 0")

    stale.refresh_from_db()
    huge.refresh_from_db()
    fine.refresh_from_db()
    assert (stale.dui_status, stale.solution) == ("none", None)
    assert (huge.solution, huge.workstation_count) == (listed, None)
    assert fine.solution == listed
    fixes = {a.object_id: a.changes for a in AuditLog.objects.filter(action="it_profile.fix")}
    assert fixes == {
        stale.establishment.finess: {"solution": ["MALTA", ""]},
        huge.establishment.finess: {"workstation_count": ["250000", ""]},
    }
    assert FIX.fix_profiles(ItProfile, AuditLog) == (0, 0)  # idempotent
