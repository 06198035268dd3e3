"""The request-scoped actor: what a user is (memberships, national and regional roles), read
once and then asked by every permission predicate without a query.

The actor is cached on the user object, so that the predicates keep their ``(user, obj)``
signature in views, templates, the API, commands and tests: within a request, the user object
lives as long as the request; elsewhere the actor lives as long as the object it was read for.
Changes of the user's own memberships or roles drop it (``forget``, also wired to the models'
signals for the instances that hold that very user object).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from types import MappingProxyType

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from mutualis.accounts.models import Membership, MembershipRole, ScopedRole

CACHE_ATTRIBUTE = "_mutualis_actor"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    is_national_admin: bool = False
    region_codes: frozenset[str] = frozenset()
    memberships: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    # The same memberships with their managing bodies, by name: the organisation chooser and
    # the current organisation of the session read them.
    organisations: tuple[Membership, ...] = field(default=(), compare=False, repr=False)

    @property
    def is_signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def body_ids(self) -> frozenset[int]:
        """The managing bodies the user belongs to, whatever the role."""
        return frozenset(self.memberships)

    @property
    def admin_body_ids(self) -> frozenset[int]:
        return frozenset(body for body, role in self.memberships.items() if role == ADMIN)

    def is_member(self, managing_body_id: int | None) -> bool:
        return managing_body_id in self.memberships

    def is_admin(self, managing_body_id: int | None) -> bool:
        return self.memberships.get(managing_body_id) == ADMIN


ADMIN = MembershipRole.ADMIN.value
ANONYMOUS = Actor(user_id=None)


def memberships_of(user) -> QuerySet[Membership]:
    """The user's memberships with their managing bodies, by name."""
    return user.memberships.select_related("managing_body").order_by("managing_body__display_name")


def read(user) -> Actor:
    """Two queries: the memberships with their managing bodies, then the scoped roles with
    their régions."""
    organisations = tuple(memberships_of(user))
    national, regions = user.is_superuser, set()
    for role, region in user.scoped_roles.values_list("role", "regions__code"):
        if role == ScopedRole.Role.NATIONAL_ADMIN:
            national = True
        elif role == ScopedRole.Role.REGIONAL and region is not None:
            regions.add(region)
    return Actor(
        user_id=user.pk,
        is_national_admin=national,
        region_codes=frozenset(regions),
        memberships=MappingProxyType({m.managing_body_id: m.role for m in organisations}),
        organisations=organisations,
    )


def actor_of(user) -> Actor:
    """The user's actor, read on first use and cached on the user object (``None`` and
    anonymous users are the anonymous actor)."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = read(user)
        setattr(user, CACHE_ATTRIBUTE, cached)
    return cached


def forget(user) -> None:
    """Drop the cached actor after a change of the user's memberships or roles."""
    with suppress(AttributeError):
        delattr(user, CACHE_ATTRIBUTE)


def _forget_holder(sender, instance, **kwargs) -> None:
    """A membership or scoped role saved or deleted with its user object in hand (services,
    factories, the admin) refreshes that object's actor."""
    if kwargs.get("reverse"):
        return  # régions changed from the région's side: no user object in hand
    if instance._meta.get_field("user").is_cached(instance):
        forget(instance.user)


def connect_signals() -> None:
    for model in (Membership, ScopedRole):
        post_save.connect(_forget_holder, sender=model, dispatch_uid=f"actor-{model.__name__}")
        post_delete.connect(_forget_holder, sender=model, dispatch_uid=f"actor-{model.__name__}")
    m2m_changed.connect(
        _forget_holder, sender=ScopedRole.regions.through, dispatch_uid="actor-regions"
    )
