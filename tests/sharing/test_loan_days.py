"""Days used per month: bounds (≤ the month's length, within the period, not in the future),
corrections, running totals against the plan and cost to date."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.sharing import loan_rules, loan_selectors, loan_services
from tests.factories import MembershipFactory
from tests.sharing.loan_factories import body_and_admin, loan_between

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pairs():
    return body_and_admin("Association des Volcans"), body_and_admin("Fondation du Puy")


def _months_ago(n: int) -> datetime.date:
    month = timezone.localdate().replace(day=1)
    for _ in range(n):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def test_days_are_recorded_once_signed_and_totalled(pairs):
    loan = loan_between(*pairs)
    with pytest.raises(PermissionDenied):  # not signed yet
        loan_services.record_days(pairs[1][1], loan, month=_months_ago(1), days=Decimal(2))
    loan = loan_between(*pairs, signed=True)
    loan_services.record_days(pairs[1][1], loan, month=_months_ago(2), days=Decimal("2.5"))
    loan_services.record_days(pairs[0][1], loan, month=_months_ago(1), days=Decimal(1))
    # Recording a month again corrects it.
    loan_services.record_days(pairs[0][1], loan, month=_months_ago(1), days=Decimal("1.5"))
    totals = loan_selectors.totals(loan)
    assert totals.used == Decimal("4.0")
    assert totals.planned == Decimal(24)  # 2 days × 12 months
    assert totals.planned_to_date == Decimal(6)  # 3 months begun
    assert totals.cost_to_date == Decimal(1400)
    assert totals.remaining == Decimal(20)
    assert loan.days_used.count() == 2


@pytest.mark.parametrize(
    ("months_ago", "days", "field", "message"),
    [
        (0, Decimal(32), "days", "au plus"),
        (0, Decimal(-1), "days", "négatif"),
        (-1, Decimal(1), "month", "pas encore commencé"),
        (5, Decimal(1), "month", "hors de la mise à disposition"),
    ],
)
def test_wrong_days_are_refused_in_french(pairs, months_ago, days, field, message):
    loan = loan_between(*pairs, signed=True)
    month = (
        _months_ago(months_ago)
        if months_ago >= 0
        else (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    )
    with pytest.raises(ValidationError) as error:
        loan_services.record_days(pairs[1][1], loan, month=month, days=days)
    assert message in error.value.message_dict[field][0]
    assert not loan.days_used.exists()


def test_february_has_at_most_28_or_29_days():
    errors = loan_rules.days_used_errors(
        datetime.date(2026, 2, 1),
        Decimal(30),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
        datetime.date(2026, 6, 1),
    )
    assert errors == {"days": "Ce mois compte 28 jours : saisissez au plus 28."}


def test_a_member_or_a_third_body_cannot_record(pairs):
    loan = loan_between(*pairs, signed=True)
    member = MembershipFactory(managing_body=pairs[1][0], role=MembershipRole.MEMBER).user
    _, third = body_and_admin("Fondation Tierce")
    for user in (member, third):
        with pytest.raises(PermissionDenied):
            loan_services.record_days(user, loan, month=_months_ago(1), days=Decimal(1))


def test_equipment_has_no_days_planned():
    totals = loan_rules.totals(
        None,
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
        Decimal(0),
        [],
        datetime.date(2026, 2, 10),
    )
    assert totals.planned is None and totals.remaining is None and totals.used == 0
