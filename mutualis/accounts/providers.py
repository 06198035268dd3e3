"""The OpenID Connect providers configured in ``settings.OIDC_PROVIDERS`` (ProConnect, Pro Santé
Connect) and their discovery documents, fetched once an hour."""

from __future__ import annotations

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

DISCOVERY_TTL = 3600
TIMEOUT = 10
REQUIRED_ENDPOINTS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderUnavailable(Exception):
    """The provider's discovery document cannot be read: the provider is down or misconfigured."""


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    client_id: str
    client_secret: str
    discovery_url: str
    scopes: str
    acr_values: str
    trust_email: bool


def configured() -> list[Provider]:
    return [Provider(key=key, **conf) for key, conf in settings.OIDC_PROVIDERS.items()]


def get(key: object) -> Provider | None:
    return next((provider for provider in configured() if provider.key == key), None)


def metadata(provider: Provider) -> dict:
    """The provider's discovery document (issuer, endpoints, keys address)."""
    cache_key = f"oidc-discovery:{provider.discovery_url}"
    document = cache.get(cache_key)
    if document is None:
        try:
            response = requests.get(provider.discovery_url, timeout=TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable(provider.label) from error
        if not isinstance(document, dict) or not all(
            isinstance(document.get(name), str) for name in REQUIRED_ENDPOINTS
        ):
            raise ProviderUnavailable(provider.label)
        cache.set(cache_key, document, DISCOVERY_TTL)
    return document
