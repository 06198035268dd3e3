"""Where a ``next`` parameter may send the user back: a path of this site, nothing else
(no other host, scheme, protocol-relative ``//`` or ``/\\`` address, bare word or non-ASCII
text), so that no link can bounce a user to another site and no value can break a redirect."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

REDIRECT_FIELD_NAME = "next"


def is_safe_path(request, value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and value.isascii()
        and value.isprintable()
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next(request, default: str = "") -> str:
    """The ``next`` of the request (posted, else in the query string) when it is a path of this
    site, else ``default``."""
    value = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
    return value if is_safe_path(request, value) else default


class SafeNextMixin:
    """For Django's authentication views (``RedirectURLMixin``): ``next`` read by ``safe_next``."""

    def get_redirect_url(self) -> str:
        return safe_next(self.request)
