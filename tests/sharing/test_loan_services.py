"""Preparing, editing (versions, voided signatures) and signing a convention de mise à
disposition; the vehicle / cost rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mutualis.core.models import AuditLog
from mutualis.sharing import loan_services
from mutualis.sharing.loan_models import Loan, LoanSignature
from mutualis.sharing.loan_rules import MARGIN_REFUSED
from mutualis.sharing.models import SharingRequest, Vehicle
from tests.sharing.loan_factories import (
    accepted_request,
    body_and_admin,
    loan_between,
    terms,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def provider():
    return body_and_admin("Association des Volcans")


@pytest.fixture
def beneficiary():
    return body_and_admin("Fondation du Puy")


def test_prepare_from_accepted_request_stores_draft_documents(provider, beneficiary):
    request = accepted_request(provider[0], beneficiary[0])
    loan = loan_services.prepare_loan(beneficiary[1], request, terms())
    assert (loan.provider, loan.beneficiary) == (provider[0], beneficiary[0])
    assert loan.status == Loan.Status.DRAFT and loan.version == 1
    assert sorted(d.kind for d in loan.documents.all()) == ["docx", "pdf"]
    assert not loan.documents.filter(signed=True).exists()
    assert AuditLog.objects.filter(action="sharing.loan.create", object_id=str(loan.uid)).exists()


def test_a_need_makes_its_owner_the_beneficiary(provider, beneficiary):
    request = accepted_request(provider[0], beneficiary[0], direction="need")
    loan = loan_services.prepare_loan(provider[1], request, terms())
    assert (loan.provider, loan.beneficiary) == (provider[0], beneficiary[0])


def test_pending_request_or_third_body_cannot_prepare(provider, beneficiary):
    request = accepted_request(provider[0], beneficiary[0])
    _, third_admin = body_and_admin("Fondation Tierce")
    with pytest.raises(PermissionDenied):
        loan_services.prepare_loan(third_admin, request, terms())
    SharingRequest.objects.filter(pk=request.pk).update(status=SharingRequest.Status.PENDING)
    request.refresh_from_db()
    with pytest.raises(PermissionDenied):
        loan_services.prepare_loan(provider[1], request, terms())
    assert not Loan.objects.exists()


def test_non_profit_lending_refuses_a_flat_rate_with_margin(provider, beneficiary):
    request = accepted_request(provider[0], beneficiary[0])
    with pytest.raises(ValidationError) as error:
        loan_services.prepare_loan(provider[1], request, terms(cost_method="flat"))
    assert error.value.message_dict["cost_method"] == [MARGIN_REFUSED]
    assert "L.8241-1" in MARGIN_REFUSED
    # The same flat rate is accepted under a service agreement.
    service = Vehicle.objects.get(code="prestation")
    loan = loan_services.prepare_loan(
        provider[1], request, terms(cost_method="flat", vehicle=service)
    )
    assert loan.cost_method == "flat"


def test_free_lending_costs_nothing(provider, beneficiary):
    request = accepted_request(provider[0], beneficiary[0])
    with pytest.raises(ValidationError) as error:
        loan_services.prepare_loan(provider[1], request, terms(cost_method="free"))
    assert "0 €" in error.value.message_dict["daily_cost"][0]
    loan = loan_services.prepare_loan(
        provider[1], request, terms(cost_method="free", daily_cost=Decimal(0))
    )
    assert loan.daily_cost == 0


def test_period_must_stay_within_the_listing(provider, beneficiary):
    request = accepted_request(provider[0], beneficiary[0])
    late = request.listing.ends_on.replace(year=request.listing.ends_on.year + 1)
    with pytest.raises(ValidationError) as error:
        loan_services.prepare_loan(provider[1], request, terms(ends_on=late))
    assert "dans celle de l'annonce" in error.value.message_dict["ends_on"][0]


def test_both_signatures_make_it_signed_with_a_signed_edition(provider, beneficiary):
    loan = loan_between(provider, beneficiary)
    loan = loan_services.sign_loan(
        provider[1], loan, provider[0].pk, signer_name="Claire Martin", capacity="Directrice"
    )
    assert loan.status == Loan.Status.SIGNING
    with pytest.raises(ValidationError):
        loan_services.sign_loan(
            provider[1], loan, provider[0].pk, signer_name="Claire", capacity="Directrice"
        )
    with pytest.raises(PermissionDenied):  # the provider's admin cannot sign for the other
        loan_services.sign_loan(provider[1], loan, beneficiary[0].pk, signer_name="X", capacity="Y")
    loan = loan_services.sign_loan(
        beneficiary[1], loan, beneficiary[0].pk, signer_name="Paul Durand", capacity="Président"
    )
    assert loan.status == Loan.Status.SIGNED
    assert sorted(d.kind for d in loan.documents.filter(signed=True, version=1)) == [
        "docx",
        "pdf",
    ]


def test_editing_after_a_signature_makes_a_new_version_and_voids_it(provider, beneficiary):
    loan = loan_between(provider, beneficiary, signed=True)
    loan = loan_services.edit_loan(beneficiary[1], loan, terms(days_per_month=Decimal(3)))
    assert loan.version == 2 and loan.status == Loan.Status.DRAFT
    assert LoanSignature.objects.filter(loan=loan, voided_at=None).count() == 0
    assert LoanSignature.objects.filter(loan=loan).count() == 2
    assert loan.documents.filter(version=2, signed=False).count() == 2
    log = AuditLog.objects.get(action="sharing.loan.edit")
    assert log.changes["voided_signatures"] == 2
    assert log.changes["days_per_month"] == ["2.0", "3"]
    # Unchanged terms make no new version.
    assert (
        loan_services.edit_loan(beneficiary[1], loan, terms(days_per_month=Decimal(3))).version == 2
    )


def test_member_cannot_edit_or_sign(provider, beneficiary):
    from mutualis.accounts.models import MembershipRole
    from tests.factories import MembershipFactory

    loan = loan_between(provider, beneficiary)
    member = MembershipFactory(managing_body=provider[0], role=MembershipRole.MEMBER).user
    with pytest.raises(PermissionDenied):
        loan_services.edit_loan(member, loan, terms(days_per_month=Decimal(3)))
    with pytest.raises(PermissionDenied):
        loan_services.sign_loan(member, loan, provider[0].pk, signer_name="X", capacity="Y")
