"""Sign-in through OpenID Connect providers (ProConnect, Pro Santé Connect), one code path for
all, on mozilla-django-oidc: the provider of a sign-in is chosen by its button and found again
at the callback through the `state` kept in the session (with a `nonce` of 48 characters, more
than the 32 ProConnect requires). ID tokens and signed (JWT) userinfo are checked against the
provider's keys, issuer and our client id. Signing out of Mutualis signs out of the provider.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import get_random_string
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from mutualis.accounts import providers, services
from mutualis.accounts.models import Membership, ProviderIdentity
from mutualis.core import errors
from mutualis.core.redirects import safe_next

RANDOM_SIZE = 48
SESSION_PROVIDER = "oidc_provider"
SESSION_ID_TOKEN = "oidc_id_token"  # noqa: S105 (the session key, not a secret)
SIGN_ALGORITHM = "RS256"


def _settings_for(provider: providers.Provider):
    """mozilla-django-oidc's settings, for this provider."""
    own = {
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_callback",
        "OIDC_STATE_SIZE": RANDOM_SIZE,
        "OIDC_NONCE_SIZE": RANDOM_SIZE,
        "OIDC_USE_NONCE": True,
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": providers.TIMEOUT,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": (
            {"acr_values": provider.acr_values} if provider.acr_values else {}
        ),
    }

    def get_settings(attr, *args):
        return own[attr] if attr in own else import_from_settings(attr, *args)

    return get_settings


class ProviderBackend(OIDCAuthenticationBackend):
    """Authenticates the callback of a configured provider (``request.oidc_provider`` set by
    the callback view); answers nothing to any other authentication."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "oidc_provider", None)
        if provider is None:
            return None
        self.configure(provider)
        return super().authenticate(request, **kwargs)

    def configure(self, provider: providers.Provider) -> None:
        """The library's settings and endpoints, for this provider (from its discovery)."""
        document = providers.metadata(provider)
        self.provider = provider
        self.issuer = document["issuer"]
        self.get_settings = _settings_for(provider)
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document.get("userinfo_endpoint", "")
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = SIGN_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    def verify_token(self, token, **kwargs):
        """The signature (the library), then who issued the token and for whom."""
        if not isinstance(token, str):
            raise SuspiciousOperation("Jeton absent.")
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.PyJWTError as error:
            raise SuspiciousOperation("Jeton invalide.") from error
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.issuer or self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("Jeton émis par un autre fournisseur ou pour un autre site.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """Signed userinfo (checked by ``verify_token``, without nonce as it carries none),
        bound to the nonce-checked ID token by its subject."""
        claims = (
            super().get_userinfo(access_token, id_token, payload)
            if self.OIDC_OP_USER_ENDPOINT
            else payload
        )
        if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("Informations d'un autre utilisateur.")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return services.sign_in_with_provider(self.provider, claims)
        except ValidationError as error:
            self.request.oidc_refusal = error.message
            return None


def _provider_or_404(key: str) -> providers.Provider:
    provider = providers.get(key)
    if provider is None:
        raise Http404("Ce mode de connexion n'est pas proposé.")
    return provider


def _unavailable(request, provider: providers.Provider):
    return errors.error_page(
        request, 503, {"provider": provider.label}, "accounts/provider_unavailable.html"
    )


class ProviderSignInView(OIDCAuthenticationRequestView):
    """``/comptes/oidc/<provider>/``: to the provider's sign-in page."""

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request, provider: str):
        chosen = _provider_or_404(provider)
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        try:
            document = providers.metadata(chosen)
        except providers.ProviderUnavailable:
            return _unavailable(request, chosen)
        self.get_settings = _settings_for(chosen)
        self.OIDC_OP_AUTH_ENDPOINT = document["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = chosen.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response.url).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = chosen.key
        request.session["oidc_login_next"] = safe_next(request) or None
        request.session.modified = True
        return response


class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """``/comptes/oidc/retour/``: back from the provider, whichever it is."""

    def get(self, request):
        state = request.GET.get("state")
        entry = request.session.get("oidc_states", {}).get(state) if state else None
        provider = providers.get(entry.get("provider")) if isinstance(entry, dict) else None
        if provider is None:
            return self._refused(request, "La demande de connexion a expiré ou n'est pas valide.")
        request.oidc_provider = provider
        try:
            return super().get(request)
        except providers.ProviderUnavailable:
            return _unavailable(request, provider)
        except (requests.RequestException, SuspiciousOperation, ValueError, KeyError):
            return self._refused(request, f"{provider.label} n'a pas confirmé votre identité.")

    def login_failure(self):
        if self.request.GET.get("error"):
            reason = "Connexion annulée."
        else:
            reason = getattr(self.request, "oidc_refusal", "La connexion n'a pas abouti.")
        return self._refused(self.request, reason)

    def _refused(self, request, reason: str):
        messages.error(
            request, f"{reason} Vous pouvez aussi vous connecter avec votre mot de passe."
        )
        return redirect("accounts:login")

    def login_success(self):
        id_token = self.request.session.get(SESSION_ID_TOKEN)
        response = super().login_success()
        # Django's login() keeps the session's data: the ID token stays for signing out.
        self.request.session[SESSION_PROVIDER] = self.request.oidc_provider.key
        self.request.session[SESSION_ID_TOKEN] = id_token
        return response

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next")
        if next_url:
            return next_url
        proposal = settings.OIDC_ORGANISATION_PROPOSAL_URL
        if proposal and _siret_without_organisation(self.user):
            return reverse(proposal)
        return reverse(settings.LOGIN_REDIRECT_URL)


def _siret_without_organisation(user) -> bool:
    return (
        not Membership.objects.filter(user=user).exists()
        and ProviderIdentity.objects.filter(user=user).exclude(siret="").exists()
    )


def provider_logout_url(request, after: str) -> str | None:
    """Where signing out sends the browser when the session came from a provider: its logout
    page, with the ID token and the address to come back to; None otherwise. Read it before
    the session is flushed."""
    provider = providers.get(request.session.get(SESSION_PROVIDER))
    id_token = request.session.get(SESSION_ID_TOKEN)
    if provider is None or not id_token:
        return None
    try:
        endpoint = providers.metadata(provider).get("end_session_endpoint")
    except providers.ProviderUnavailable:
        return None
    if not isinstance(endpoint, str):
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": get_random_string(RANDOM_SIZE),
            "post_logout_redirect_uri": request.build_absolute_uri(after),
        }
    )
    return f"{endpoint}?{query}"
