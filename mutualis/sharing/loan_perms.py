"""Who reads, prepares, edits and signs a convention de mise à disposition, and records the
days used: pure predicates over the request's actor (no query)."""

from mutualis.accounts.actor import actor_of
from mutualis.sharing.loan_models import Loan
from mutualis.sharing.models import SharingRequest

OPEN = (Loan.Status.DRAFT, Loan.Status.SIGNING)
EDITABLE = (Loan.Status.DRAFT, Loan.Status.SIGNING, Loan.Status.SIGNED)
RUNNING = (Loan.Status.SIGNED, Loan.Status.ENDED)


def request_bodies(request: SharingRequest) -> tuple[int, int]:
    return (request.listing.managing_body_id, request.requester_id)


def can_prepare_loan(user, request: SharingRequest) -> bool:
    """An administrator of either body, once the request is accepted."""
    actor = actor_of(user)
    return request.status == SharingRequest.Status.ACCEPTED and any(
        actor.is_admin(body) for body in request_bodies(request)
    )


def can_view_loan(user, loan: Loan) -> bool:
    """The users of both bodies, whatever their role (not regional or national actors: the
    convention holds the bodies' costs)."""
    actor = actor_of(user)
    return actor.is_member(loan.provider_id) or actor.is_member(loan.beneficiary_id)


def is_loan_admin(user, loan: Loan) -> bool:
    actor = actor_of(user)
    return actor.is_admin(loan.provider_id) or actor.is_admin(loan.beneficiary_id)


def can_edit_loan(user, loan: Loan) -> bool:
    """Until it ends; editing after a signature voids the signatures given."""
    return loan.status in EDITABLE and is_loan_admin(user, loan)


def can_sign_loan(user, loan: Loan, body_id: int) -> bool:
    """An administrator of that body signs for it (a national administrator signs for none)."""
    return loan.status in OPEN and body_id in loan.body_ids() and actor_of(user).is_admin(body_id)


def signable_bodies(user, loan: Loan) -> list[int]:
    return [body for body in loan.body_ids() if can_sign_loan(user, loan, body)]


def can_record_days(user, loan: Loan) -> bool:
    """Either body's administrators, once the convention is signed."""
    return loan.status in RUNNING and is_loan_admin(user, loan)
