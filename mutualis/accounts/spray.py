"""Password spraying: failed sign-ins from one client address over all accounts, limited apart
from django-axes' lock of an account+address pair (MUTUALIS["SIGN_IN_FAILURES_PER_ADDRESS"],
higher: a venue or a proxy shares one address). Every ``authenticate()`` counts (our sign-in
form, the admin's), and once the limit is reached every one is refused."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied

from mutualis.core import ratelimit

SCOPE = "sign-in"


def is_blocked(request) -> bool:
    limit = settings.MUTUALIS["SIGN_IN_FAILURES_PER_ADDRESS"]
    return request is not None and ratelimit.is_blocked(SCOPE, request, limit)


def count_failure(sender, credentials, request=None, **kwargs) -> None:
    """Receiver of ``user_login_failed``."""
    if request is not None:
        ratelimit.record_failure(SCOPE, request)


class SprayBackend:
    """Listed before the backends that check passwords: refuses them all for a blocked
    address (Django's ``authenticate`` stops at PermissionDenied). No ``get_user`` (nor
    BaseBackend's, which finds no one): sessions and ``force_login`` keep ModelBackend."""

    def authenticate(self, request, **credentials):
        if is_blocked(request):
            raise PermissionDenied
        return None
