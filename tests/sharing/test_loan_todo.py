"""'À traiter': a convention de mise à disposition waits for each body's administrators until
their body signs its current version (and again after an edit voids the signatures)."""

import datetime
from decimal import Decimal

import pytest

from mutualis.portal.todo import pending
from mutualis.sharing import loan_services
from tests.sharing.loan_factories import body_and_admin, loan_between, terms

pytestmark = pytest.mark.django_db
WAITING = "Convention de mise à disposition « Délégué à la protection des données (DPO) » à signer"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def texts(user, body) -> list[str]:
    return [t.text for t in pending(user, body, datetime.date.today())]


def test_loan_to_sign_until_each_body_signed():
    provider, beneficiary = body_and_admin("Association A"), body_and_admin("Fondation B")
    loan = loan_between(provider, beneficiary)
    assert WAITING in texts(provider[1], provider[0])
    loan = loan_services.sign_loan(
        provider[1], loan, provider[0].pk, signer_name="Claire", capacity="Directrice"
    )
    assert WAITING not in texts(provider[1], provider[0])
    assert WAITING in texts(beneficiary[1], beneficiary[0])
    loan = loan_services.sign_loan(
        beneficiary[1], loan, beneficiary[0].pk, signer_name="Paul", capacity="Président"
    )
    assert WAITING not in texts(beneficiary[1], beneficiary[0])
    loan_services.edit_loan(provider[1], loan, terms(days_per_month=Decimal(3)))
    assert WAITING in texts(provider[1], provider[0])
    assert WAITING in texts(beneficiary[1], beneficiary[0])
