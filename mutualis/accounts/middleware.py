"""The organisation a signed-in user currently acts for, kept in the session."""

from mutualis.accounts import selectors


class CurrentOrganisationMiddleware:
    """Sets ``request.current_membership``: the membership chosen in the session, else the
    user's first one, else None (anonymous users, users not attached to any managing body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_membership = selectors.current_membership(request.user, request.session)
        return self.get_response(request)
