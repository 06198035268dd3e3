"""Whole dashboard pages kept per process for anonymous visitors, until the next refresh.

A page is the same for every anonymous visitor of a view but for two per-response values:
the CSP nonce and the masked CSRF token. They are stored as markers and put back for each
response, so that the page's scripts run and htmx requests pass the CSRF check.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

SIZE = 64
NONCE = "@@observatory-nonce@@"
TOKEN = "@@observatory-csrf@@"  # noqa: S105 (a marker, not a secret)
TOKEN_IN_PAGE = re.compile(r'"X-CSRFToken": "([^"]+)"')
_pages: OrderedDict[tuple, tuple[str, dict[str, str]]] = OrderedDict()


def servable(request: HttpRequest) -> bool:
    """Anonymous, without session nor pending messages (the page would not show them)."""
    return (
        not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def get(key: tuple) -> tuple[str, dict[str, str]] | None:
    found = _pages.get(key)
    if found is not None:
        _pages.move_to_end(key)
    return found


def put(key: tuple, request: HttpRequest, response: HttpResponse) -> None:
    if response.status_code != 200 or settings.SESSION_COOKIE_NAME in response.cookies:
        return
    html = response.content.decode(response.charset)
    nonce = str(getattr(request, "csp_nonce", "") or "")
    if nonce:
        html = html.replace(nonce, NONCE)
    for token in set(TOKEN_IN_PAGE.findall(html)):
        html = html.replace(token, TOKEN)
    headers = {"Content-Type": response["Content-Type"]}
    _pages[key] = (html, headers)
    while len(_pages) > SIZE:
        _pages.popitem(last=False)


def response(request: HttpRequest, page: tuple[str, dict[str, str]]) -> HttpResponse:
    html, headers = page
    if NONCE in html:
        html = html.replace(NONCE, str(request.csp_nonce))
    if TOKEN in html:
        html = html.replace(TOKEN, get_token(request))
    return HttpResponse(html, headers=headers)


def clear() -> None:
    _pages.clear()
