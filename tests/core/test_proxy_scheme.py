"""``X-Forwarded-Proto`` is believed from the proxies of TRUSTED_PROXIES only: a client that
reaches the application directly cannot make a plain-HTTP request pass for HTTPS."""

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from mutualis.core.clientip import from_trusted_proxy
from mutualis.core.middleware import TrustedProxySchemeMiddleware

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"


def scheme_seen(remote: str, proto: str | None = "https") -> str:
    headers = {"REMOTE_ADDR": remote}
    if proto is not None:
        headers["HTTP_X_FORWARDED_PROTO"] = proto
    request = RequestFactory().get("/", **headers)
    middleware = TrustedProxySchemeMiddleware(lambda request: HttpResponse(request.scheme))
    return middleware(request).content.decode()


@pytest.mark.parametrize(
    ("trusted", "remote", "expected"),
    [
        ([], CLIENT, "http"),  # no proxy configured: nobody is believed
        ([PROXY], CLIENT, "http"),  # a client writing the header itself
        ([PROXY], PROXY, "https"),  # the proxy that terminated TLS
        (["10.0.0.0/8"], PROXY, "https"),
        (["10.0.0.0/8"], "", "http"),
        (["10.0.0.0/8"], "pas-une-adresse", "http"),
    ],
)
def test_the_forwarded_scheme_is_believed_from_trusted_proxies_only(
    settings, trusted, remote, expected
):
    settings.TRUSTED_PROXIES = trusted

    assert scheme_seen(remote) == expected


def test_without_the_header_the_scheme_is_the_connection_s(settings):
    settings.TRUSTED_PROXIES = [PROXY]

    assert scheme_seen(PROXY, proto=None) == "http"
    assert scheme_seen(CLIENT, proto=None) == "http"


def test_from_trusted_proxy_reads_the_connection_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    factory = RequestFactory()

    assert from_trusted_proxy(factory.get("/", REMOTE_ADDR=PROXY))
    assert not from_trusted_proxy(factory.get("/", REMOTE_ADDR=CLIENT))
    assert not from_trusted_proxy(factory.get("/", REMOTE_ADDR=""))


def test_the_middleware_runs_first():
    assert django_settings.MIDDLEWARE[0] == (
        "mutualis.core.middleware.TrustedProxySchemeMiddleware"
    )


@pytest.mark.django_db
def test_a_forged_header_does_not_skip_the_https_redirect(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.SECURE_SSL_REDIRECT = True
    url = reverse("core:accessibility")

    forged = client.get(url, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_PROTO="https")
    proxied = client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")

    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")
    assert proxied.status_code == 200
