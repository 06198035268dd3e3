"""A soft limit on repeated failures from one client (a cache counter per fixed window), for
guessable secrets outside the sign-in form (which django-axes guards)."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(scope: str, request) -> str:
    return f"ratelimit:{scope}:{get_client_ip_address(request) or 'unknown'}"


def is_blocked(scope: str, request, limit: int) -> bool:
    """Whether this client already failed ``limit`` times within the window."""
    return cache.get(_key(scope, request), 0) >= limit


def record_failure(scope: str, request) -> None:
    key = _key(scope, request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, WINDOW_SECONDS)
