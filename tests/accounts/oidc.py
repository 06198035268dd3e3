"""Settings and steps shared by the sign-in-with-a-provider tests (the provider is real:
``tests.oidc_provider``)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.oidc_provider import CLIENT_SECRET, sign_in_at_provider

CALLBACK = "http://testserver/comptes/oidc/retour/"
CLIENTS = [
    {
        "client_id": "mutualis",
        "redirect_uris": [CALLBACK],
        "post_logout_redirect_uris": ["http://testserver/"],
    },
    {
        "client_id": "mutualis-psc",
        "redirect_uris": [CALLBACK],
        "post_logout_redirect_uris": ["http://testserver/"],
        # Pro Santé Connect answers its userinfo in plain JSON.
        "userinfo_signed_response_alg": None,
    },
]


def provider_settings(discovery_url: str, **changes) -> dict:
    return {
        "proconnect": {
            "label": "ProConnect",
            "client_id": "mutualis",
            "client_secret": CLIENT_SECRET,
            "discovery_url": discovery_url,
            "scopes": "openid email given_name usual_name siret uid",
            "acr_values": "",
            "trust_email": True,
        }
        | changes
    }


def psc_settings(discovery_url: str) -> dict:
    return {
        "pro-sante-connect": {
            "label": "Pro Santé Connect",
            "client_id": "mutualis-psc",
            "client_secret": CLIENT_SECRET,
            "discovery_url": discovery_url,
            "scopes": "openid email given_name family_name",
            "acr_values": "",
            "trust_email": False,
        }
    }


def query(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def sign_in(client, login: str, provider: str = "proconnect", next_url: str = ""):
    """The whole journey through Django's test client and the real provider: our sign-in
    address, the provider's pages, our callback. Returns the callback's response."""
    start = client.get(f"/comptes/oidc/{provider}/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start
    back = sign_in_at_provider(start.url, login)
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")
