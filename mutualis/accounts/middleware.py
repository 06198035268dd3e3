"""The organisation a signed-in user currently acts for, kept in the session, and the
request-scoped actor the permission predicates read."""

from django.utils.functional import SimpleLazyObject

from mutualis.accounts import selectors
from mutualis.accounts.actor import actor_of


class CurrentOrganisationMiddleware:
    """Sets ``request.current_membership``: the membership chosen in the session, else the
    user's first one, else None (anonymous users, users not attached to any managing body);
    and ``request.actor``, read on first use (and cached on ``request.user``, where the
    predicates find it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: actor_of(request.user))
        request.current_membership = selectors.current_membership(request.user, request.session)
        return self.get_response(request)
