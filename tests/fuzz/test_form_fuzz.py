"""Every form of the site, fuzzed field by field: no input answers a server error.

The forms are found by fetching every page of the URL configuration as each role allowed to
read it (``tests/fuzz/discovery.py``). Each field of each form is then sent, as the role that
saw the form, with the form's other fields at the values a browser would send, and a hostile
value in that field: a fixed sweep (non-ASCII digits, numbers beyond 64 bits or beyond a
float, NUL, 128 KB of text, paths, formulas, markup, a non-UUID, a foreign ``next``…) and a few
Hypothesis texts. Any status >= 500 fails, with the URL, the field and the value. Each
submission is rolled back (a savepoint), so the world stays the same for the next one.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Iterable

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_url_permissions import EXPECTED, NOT_ALLOWED, WRITES, world  # noqa: F401
from tests.fuzz.discovery import FoundForm, clients, discover
from tests.fuzz.htmlforms import Field

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fuzz\n"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

HOSTILE = (
    "",
    " ",
    "²",  # isdigit() is true, int() fails
    "٣",  # an Arabic-Indic digit: int() accepts it
    "9" * 30,  # beyond 64 bits
    "-1",
    "1e309",  # beyond a float
    "NaN",
    "\x00",
    "a" * 131072,  # 128 KB
    "../../etc/passwd",
    "=1+1",
    "<script>alert(1)</script>",
)
NOT_A_UUID = "pas-un-uuid"
FOREIGN = ("http://evil.example/", "//evil.example/", "javascript:alert(1)")
NEXT_LIKE = {"next", "suivant", "redirect_to", "return_to", "retour"}

HYPOTHESIS = settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# Floors: the fuzz must not silently test nothing (a broken discovery finds few forms).
MIN_FORMS = 70
MIN_FIELDS = 240

# Views written to (POST only, or in WRITES) that no page of the world shows a form for, with
# the reason. Any other such view must be reached by the discovery.
NOT_REACHED = {
    "accounts:logout": "the sign-out button: no field",
}


def hostile_values(field: Field) -> Iterable[str]:
    yield from HOSTILE
    if any(UUID.match(value) for value in field.values) or field.name.endswith(("uid", "uuid")):
        yield NOT_A_UUID
    if field.name in NEXT_LIKE:
        yield from FOREIGN


def defaults(found: FoundForm) -> dict[str, object]:
    """What a browser sends when the user changes nothing (a file field gets a small PDF)."""
    data: dict[str, object] = {}
    for name, field in found.form.fields.items():
        if field.is_file:
            data[name] = SimpleUploadedFile("essai.pdf", PDF, content_type="application/pdf")
        elif field.kind == "radio" and not field.values:
            data[name] = next((option for option in field.options if option), "")
        elif field.multiple or field.kind == "checkbox":
            if field.values:
                data[name] = list(field.values)
        elif field.values:
            data[name] = field.values[0]
    return data


def submit(client, found: FoundForm, data: dict[str, object]):
    """Send ``data`` as the form would, then undo what the view wrote (the savepoint), the
    cookies it set (a sign-in, a sign-out) and the rate-limit counters (the cache)."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            if found.form.method == "get":
                response = client.get(found.path.split("?")[0], data)
            else:
                response = client.post(found.path, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        cache.clear()
    return response


def failure(found: FoundForm, field: str, value: str, response) -> str:
    shown = value if len(value) <= 40 else f"{value[:20]!r}… ({len(value)} caractères)"
    error = ""
    if getattr(response, "exc_info", None):
        kind, exception, _ = response.exc_info
        error = f" — {kind.__name__}: {str(exception)[:200]}"
    return f"{found} champ {field!r} = {shown!r} : {response.status_code}{error}"


@pytest.fixture
def forms(world):  # noqa: F811
    by_role = clients(world)
    return by_role, discover(world, by_role)


def test_discovery_reaches_every_form(forms):
    _, found = forms
    fields = sum(len(form.fields) for form in found)
    print(f"{len(found)} formulaires, {len({f.target for f in found})} URL, {fields} champs")
    assert len(found) >= MIN_FORMS
    assert fields >= MIN_FIELDS
    writers = {name for name, roles in EXPECTED.items() if NOT_ALLOWED in roles.values()}
    writers |= set(WRITES)
    unreached = sorted(writers - {form.target for form in found} - set(NOT_REACHED))
    assert not unreached, f"Vues d'écriture sans formulaire fuzzé : {', '.join(unreached)}"


def test_no_input_answers_a_server_error(forms):
    by_role, found = forms
    failures: list[str] = []
    sent = [0]

    def attacker(form: FoundForm, name: str):
        client = by_role[form.role]

        def attack(value: str) -> None:
            data = defaults(form)
            if name:
                data[name] = value
            response = submit(client, form, data)
            sent[0] += 1
            if response.status_code >= 500:
                failures.append(failure(form, name or "(valeurs par défaut)", value, response))

        return attack

    spent: dict[str, float] = {}
    for form in found:
        started = time.monotonic()
        attacker(form, "")("")
        for name in form.fields:
            attack = attacker(form, name)
            for value in hostile_values(form.form.fields[name]):
                attack(value)
            HYPOTHESIS(given(st.text())(attack))()
        spent[str(form)] = time.monotonic() - started
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1])[:20]:
        print(f"{seconds:6.1f} s {name}")
    print(f"{sent[0]} envois sur {len(found)} formulaires")
    assert not failures, "\n".join(failures)
