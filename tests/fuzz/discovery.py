"""The forms of the whole site, found by fetching every page of the URL configuration as each
role that may read it (the world and the role table of ``tests/core/test_url_permissions.py``)
and reading the <form> elements of the HTML. Each distinct form (method, target URL, field
names) is kept once, with the role that saw it first, so the fuzz submits it as that role."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from tests.core.test_url_permissions import EXPECTED, OK, routes, url_of
from tests.fuzz.htmlforms import CSRF_FIELD, Form, forms_of

# The roles that see most forms first: a form is submitted by a user allowed to send it.
ROLE_ORDER = (
    "admin",
    "member",
    "national",
    "regional",
    "other_admin",
    "other_regional",
    "no_org",
    "anonymous",
)
ROW_NUMBER = re.compile(r"-\d+-")
SKIPPED_NAMESPACES = {"admin"}  # Django's admin is staff-only and Django's own code


@dataclass
class FoundForm:
    role: str
    page: str  # URL name of the page the form was read on
    target: str  # URL name the form is sent to
    path: str  # the URL it is sent to (path and query string)
    form: Form

    @property
    def fields(self) -> list[str]:
        """The names of the fields the fuzz attacks (all but the CSRF token)."""
        return [name for name in self.form.fields if name != CSRF_FIELD]

    def __str__(self) -> str:
        return f"{self.form.method.upper()} {self.target} ({self.path}, lu sur {self.page})"


def clients(world: dict) -> dict[str, Client]:
    """One client per role, signed in; 500s answered as pages, not raised."""
    found = {"anonymous": Client(raise_request_exception=False)}
    for role, user in world["users"].items():
        found[role] = Client(raise_request_exception=False)
        found[role].force_login(user)
    return found


def pages(world: dict) -> Iterator[tuple[str, str, str]]:
    """(role, URL name, URL) of every page of the world a role may read."""
    for name, params in routes().items():
        expected = EXPECTED.get(name, {})
        url = None
        for role in ROLE_ORDER:
            if expected.get(role) == OK:
                url = url or url_of(world, name, params)
                yield role, name, url


def discover(
    world: dict, by_role: dict[str, Client], extra: Iterable[tuple[str, str, str]] = ()
) -> list[FoundForm]:
    """The forms of the world's pages, and of ``extra`` pages (role, URL name, URL; a
    redirect is followed)."""
    found: dict[tuple, FoundForm] = {}
    for role, name, url in [*pages(world), *extra]:
        response = by_role[role].get(url, follow=True)
        if response.redirect_chain:
            query = response.request.get("QUERY_STRING", "")
            url = response.request["PATH_INFO"] + (f"?{query}" if query else "")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_of(response.content.decode()):
            target = urljoin(url, form.action or url)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver"):
                continue
            try:
                match = resolve(parts.path)
            except Resolver404:
                continue
            if match.namespace in SKIPPED_NAMESPACES:
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            # Forms of numbered rows (prefix "cible-3-") are the same form once.
            names = tuple(sorted({ROW_NUMBER.sub("-N-", field) for field in form.fields}))
            found.setdefault(
                (form.method, match.view_name, names),
                FoundForm(role, name, match.view_name, path, form),
            )
    return _without_subsets(list(found.values()))


def _without_subsets(forms: list[FoundForm]) -> list[FoundForm]:
    """Drop a form whose fields are all in a larger form sent to the same view (the home
    page's search box is the directory's search form with one field)."""
    return [
        small
        for small in forms
        if not any(
            large is not small
            and (large.form.method, large.target) == (small.form.method, small.target)
            and len(large.form.fields) > len(small.form.fields)
            and set(small.form.fields) <= set(large.form.fields)
            for large in forms
        )
    ]
