"""Reads of accounts, scoped to what the user may see."""

from django.db.models import QuerySet

from mutualis.accounts.actor import actor_of
from mutualis.accounts.actor import memberships_of as memberships_of  # shared with the actor
from mutualis.accounts.models import (
    Invitation,
    JoinRequest,
    Membership,
    MembershipRole,
    ProviderIdentity,
)
from mutualis.territories.models import Region

CURRENT_ORGANISATION_KEY = "current_managing_body"


def current_membership(user, session) -> Membership | None:
    """The membership chosen in the session, else the user's first one, else None; read from
    the actor's memberships (no query of its own)."""
    mine = actor_of(user).organisations
    chosen = session.get(CURRENT_ORGANISATION_KEY)
    return next((m for m in mine if m.managing_body_id == chosen), mine[0] if mine else None)


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


def members_of(managing_body) -> QuerySet[Membership]:
    return managing_body.memberships.select_related("user").order_by(
        "role", "user__last_name", "user__email"
    )


def open_invitations_of(managing_body) -> QuerySet[Invitation]:
    return managing_body.invitations.filter(accepted_at=None).order_by("-created_at")


def region_names(codes) -> list[str]:
    """The names of régions (a user's regional scope), in alphabetical order: the UI names a
    région, never its code."""
    return list(
        Region.objects.filter(code__in=codes).order_by("name").values_list("name", flat=True)
    )


def provider_siret(user) -> str:
    """The SIRET an identity provider gave last for the user ('' if none)."""
    identity = (
        ProviderIdentity.objects.filter(user=user)
        .exclude(siret="")
        .order_by("-last_login_at")
        .first()
    )
    return identity.siret if identity else ""
