"""The demonstration loan: signed, DPO 2 days a month, with days used; created once."""

from decimal import Decimal

import pytest

from mutualis.sharing import loan_selectors
from mutualis.sharing.loan_demo import seed_demo_loans
from mutualis.sharing.loan_models import Loan
from tests.factories import ManagingBodyFactory

pytestmark = pytest.mark.django_db


def test_demo_loan_is_signed_with_days_used_and_seeded_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo = ManagingBodyFactory(name="Association Démo", establishment_count=40)
    provider = ManagingBodyFactory(name="Fondation Prêteuse", establishment_count=20)
    assert seed_demo_loans() == 1
    assert seed_demo_loans() == 0
    loan = Loan.objects.get()
    assert (loan.provider, loan.beneficiary) == (provider, demo)
    assert loan.status == Loan.Status.SIGNED and loan.skill.code == "dpo"
    assert loan.days_per_month == 2
    assert loan.documents.filter(signed=True).count() == 2
    assert loan_selectors.totals(loan).used == Decimal(8)
