"""Security headers on pages, and CSRF protection of forms."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.fixture
def page(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    return response


def test_the_csp_allows_scripts_by_nonce_and_never_inline(page):
    csp = directives(page)

    script_src = csp["script-src"]
    nonces = [value for value in script_src if value.startswith("'nonce-")]
    assert len(nonces) == 1
    assert len(nonces[0]) > len("'nonce-'") + 16
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "'self'" in script_src
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


def test_the_nonce_is_on_every_script_of_the_page(page):
    nonce = next(v for v in directives(page)["script-src"] if v.startswith("'nonce-"))[7:-1]
    scripts = SCRIPT.findall(page.content.decode())

    assert len(scripts) >= 2
    for attributes in scripts:
        assert f'nonce="{nonce}"' in attributes, attributes


def test_the_nonce_changes_with_every_response(client):
    first = directives(client.get(reverse("accounts:login")))["script-src"]
    second = directives(client.get(reverse("accounts:login")))["script-src"]

    assert first != second


@pytest.mark.parametrize(
    "url", [reverse("portal:home"), reverse("accounts:login"), "/api/regions/"]
)
def test_clickjacking_and_sniffing_headers(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response


def test_a_post_without_csrf_token_is_rejected():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )

    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_same_post_with_the_csrf_token_goes_through():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    form = client.get(reverse("accounts:login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)

    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_session_and_csrf_cookies_are_secure_and_http_only(client):
    user = UserFactory()

    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})

    session = client.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert client.cookies["csrftoken"]["secure"] is True
