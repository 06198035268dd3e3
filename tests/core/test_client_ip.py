"""The client address behind a reverse proxy: X-Forwarded-For is believed only through the
proxies of TRUSTED_PROXIES, for every limit (django-axes, the API throttle, our rate limits)."""

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from config.settings import trusted_proxies
from mutualis.api.limits import AnonRateThrottle
from mutualis.core.clientip import client_ip
from tests.factories import UserFactory

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"


def request(remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No trusted proxy: the header is ignored, whatever it says.
        ([], PROXY, CLIENT, PROXY),
        ([], CLIENT, "198.51.100.1, 198.51.100.2", CLIENT),
        # Through the trusted proxy: the hop it appended.
        ([PROXY], PROXY, CLIENT, CLIENT),
        (["10.0.0.0/8"], PROXY, f"198.51.100.9, {CLIENT}", CLIENT),  # left part forged
        (["10.0.0.0/8"], PROXY, f"{CLIENT}, 10.0.0.4", CLIENT),  # two trusted hops
        (["10.0.0.0/8"], PROXY, "10.0.0.3, 10.0.0.4", "10.0.0.3"),  # all trusted
        (["10.0.0.0/8"], PROXY, None, PROXY),
        (["10.0.0.0/8"], PROXY, f"{CLIENT}, pas-une-adresse", PROXY),  # garbled hop
        (["10.0.0.0/8", "2001:db8::/32"], "2001:db8::1", "2001:db8:ffff::2, ::1", "::1"),
        # A client that is not the trusted proxy cannot pretend to be behind it.
        ([PROXY], CLIENT, "198.51.100.1", CLIENT),
    ],
)
def test_the_client_address(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted

    assert client_ip(request(remote, forwarded)) == expected


def test_the_setting_is_checked_at_start_up():
    assert trusted_proxies([" 10.0.0.5 ", "", "192.168.1.7/24", "2001:db8::/32"]) == [
        "10.0.0.5/32",
        "192.168.1.0/24",
        "2001:db8::/32",
    ]
    with pytest.raises(ImproperlyConfigured, match=r"'10\.0\.0\.300' is neither"):
        trusted_proxies(["10.0.0.300"])


def test_django_axes_reads_the_same_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]

    assert get_client_ip_address(request(PROXY, f"198.51.100.9, {CLIENT}")) == CLIENT
    settings.TRUSTED_PROXIES = []
    assert get_client_ip_address(request(PROXY, CLIENT)) == PROXY


@pytest.mark.django_db
def test_a_failed_sign_in_is_recorded_with_the_client_address_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    user = UserFactory()

    client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "pas-le-bon-mot-de-passe"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=CLIENT,
    )

    assert AccessAttempt.objects.get().ip_address == CLIENT


@pytest.fixture
def two_requests_a_minute(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})


REGIONS = "/api/regions/"


@pytest.mark.django_db
@pytest.mark.usefixtures("two_requests_a_minute")
def test_a_forged_x_forwarded_for_does_not_escape_the_api_throttle(client, settings):
    settings.TRUSTED_PROXIES = []
    statuses = [
        client.get(REGIONS, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


@pytest.mark.django_db
@pytest.mark.usefixtures("two_requests_a_minute")
def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]

    def get(client_address):
        return client.get(
            REGIONS, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.9, {client_address}"
        ).status_code

    assert [get(CLIENT), get(CLIENT), get(CLIENT)] == [200, 200, 429]
    assert get("203.0.113.8") == 200  # another client behind the same proxy
