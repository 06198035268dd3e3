"""Reads of accounts, scoped to what the user may see."""

from django.db.models import QuerySet

from mutualis.accounts.models import JoinRequest, Membership, MembershipRole


def memberships_of(user) -> QuerySet[Membership]:
    return user.memberships.select_related("managing_body").order_by("managing_body__name")


def pending_join_requests_for(user) -> QuerySet[JoinRequest]:
    """Pending requests to the managing bodies the user administers."""
    administered = user.memberships.filter(role=MembershipRole.ADMIN).values("managing_body")
    return (
        JoinRequest.objects.filter(
            managing_body__in=administered, status=JoinRequest.Status.PENDING
        )
        .select_related("user", "managing_body")
        .order_by("created_at")
    )
