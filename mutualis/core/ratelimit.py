"""Soft limits on repeated attempts (a cache counter per fixed window of an hour), per client
address (``core.clientip``) or per subject such as an e-mail address: guessable secrets outside
the sign-in form (which django-axes guards per account and address), sign-in failures per
address, sign-up and password reset requests."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render

from mutualis.core.clientip import client_ip

WINDOW_SECONDS = 3600


def _key(scope: str, request, subject: str) -> str:
    if subject:  # hashed: no address in clear in the cache, and no key too long for memcached
        digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()
        return f"ratelimit:{scope}:subject:{digest}"
    return f"ratelimit:{scope}:ip:{client_ip(request) or 'unknown'}"


def is_blocked(scope: str, request, limit: int, subject: str = "") -> bool:
    """Whether this client (or ``subject``) already made ``limit`` attempts within the window."""
    return cache.get(_key(scope, request, subject), 0) >= limit


def record_failure(scope: str, request, subject: str = "") -> None:
    """Count one more attempt of this client (or of ``subject``)."""
    key = _key(scope, request, subject)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, WINDOW_SECONDS)


def too_many_requests(
    request, *, title: str, message: str, back_url: str, back_label: str
) -> HttpResponse:
    """The French 429 page of every limit."""
    context = {"title": title, "message": message, "back_url": back_url, "back_label": back_label}
    return render(request, "core/too_many_requests.html", context, status=429)


def allow(scope: str, request, per_address: int, subject: str = "", per_subject: int = 0) -> bool:
    """Count one attempt of this client (and of ``subject`` when given); False, counting
    nothing, when either already reached its limit within the window."""
    if is_blocked(scope, request, per_address) or (
        subject and is_blocked(scope, request, per_subject, subject)
    ):
        return False
    record_failure(scope, request)
    if subject:
        record_failure(scope, request, subject)
    return True
