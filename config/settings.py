"""Mutualis settings, read from the environment (see .env.example)."""

import ipaddress
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def secret_key(environment: environ.Env, debug: bool) -> str:
    """SECRET_KEY from the environment; a development key only with DEBUG on, never silently
    in production (sessions, password reset links and tokens would be forgeable)."""
    key = environment.str("SECRET_KEY", default="")
    if key:
        return key
    if debug:
        return "insecure-development-key-change-me-in-production-0123456789"
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: with DEBUG off, set SECRET_KEY in the environment or in .env "
        "to a long random string, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
    )


SECRET_KEY = secret_key(env, DEBUG)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "dsfr",
    "widget_tweaks",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "mutualis.core",
    "mutualis.territories",
    "mutualis.finess",
    "mutualis.accounts",
    "mutualis.directory",
    "mutualis.maturity",
    "mutualis.observatory",
    "mutualis.initiatives",
    "mutualis.library",
    "mutualis.workshops",
    "mutualis.grappes",
    "mutualis.actionplans",
    "mutualis.specifications",
    "mutualis.agreements",
    "mutualis.sharing",
    "mutualis.projects",
    "mutualis.api",
    "mutualis.portal",
]

MIDDLEWARE = [
    "mutualis.core.middleware.TrustedProxySchemeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mutualis.accounts.middleware.CurrentOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "mutualis.core.middleware.MethodNotAllowedMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "mutualis.core.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mutualis.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "mutualis.accounts.spray.SprayBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Answers only a callback of a configured OpenID Connect provider (accounts.oidc).
    "mutualis.accounts.oidc.ProviderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in through OpenID Connect providers (ProConnect, Pro Santé Connect): a provider is on
# when its client id and discovery address are set, and nothing changes for anyone otherwise.
# ProConnect's e-mail addresses are verified by its identity providers; Pro Santé Connect's are
# trusted only when the provider says so (`email_verified`), unless told otherwise.


def _oidc_provider(prefix: str, label: str, scopes: str, acr_values: str, trust_email: bool):
    client_id = env.str(f"{prefix}_CLIENT_ID", default="")
    discovery_url = env.str(f"{prefix}_DISCOVERY_URL", default="")
    if not (client_id and discovery_url):
        return None
    return {
        "label": label,
        "client_id": client_id,
        "client_secret": env.str(f"{prefix}_CLIENT_SECRET", default=""),
        "discovery_url": discovery_url,
        "scopes": env.str(f"{prefix}_SCOPES", default=scopes),
        "acr_values": env.str(f"{prefix}_ACR_VALUES", default=acr_values),
        "trust_email": env.bool(f"{prefix}_TRUST_EMAIL", default=trust_email),
    }


OIDC_PROVIDERS = {
    key: provider
    for key, provider in (
        (
            "proconnect",
            _oidc_provider(
                "PROCONNECT", "ProConnect", "openid email given_name usual_name siret uid", "", True
            ),
        ),
        (
            "pro-sante-connect",
            _oidc_provider(
                "PRO_SANTE_CONNECT", "Pro Santé Connect", "openid scope_all", "eidas1", False
            ),
        ),
    )
    if provider
}
# After a first sign-in through a provider that gave a SIRET, a user without an organisation is
# proposed the managing bodies of that SIREN (a directory page: accounts sits above directory).
OIDC_ORGANISATION_PROPOSAL_URL = "directory:organisations_by_siret"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"


def trusted_proxies(values: list[str]) -> list[str]:
    """The networks of TRUSTED_PROXIES, checked at start-up (a typo fails, clearly)."""
    networks = []
    for value in filter(None, (value.strip() for value in values)):
        try:
            networks.append(str(ipaddress.ip_network(value, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {value!r} is neither an IP address nor a network."
            ) from None
    return networks


# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed: the client
# address (mutualis.core.clientip) is the right-most hop that is not one of them. Empty: the
# address is REMOTE_ADDR and X-Forwarded-For is ignored.
TRUSTED_PROXIES = trusted_proxies(env.list("TRUSTED_PROXIES", default=[]))

# Rate-limited sign-in (django-axes): lock an account+address pair after 5 failures for 15
# minutes (a venue or a proxy sharing one address never locks everyone out); failures from
# one address over many accounts are limited apart (MUTUALIS["SIGN_IN_FAILURES_PER_ADDRESS"]).
AXES_CLIENT_IP_CALLABLE = "mutualis.core.clientip.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Both our sign-in form and the admin's post the address in the "username" field.
AXES_USERNAME_FORM_FIELD = "username"

DSFR_MARK_OPTIONAL_FIELDS = True
DSFR_USE_INTEGRITY_CHECKSUMS = True

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production sets STATIC_MANIFEST=1 and runs collectstatic (hashed, compressed files).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)

# Background tasks (django-tasks, the backport of Django 6's Tasks API): the database backend
# queues them in a table that `manage.py db_worker` processes. Tests run them inline with
# django_tasks.backends.immediate.ImmediateBackend.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# A running task refreshes its heartbeat several times within this lease; one whose heartbeat
# is older is seen as interrupted (its worker died): core.leases.
TASK_LEASE_SECONDS = env.int("TASK_LEASE_SECONDS", default=120)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Mutualis <ne-pas-repondre@mutualis.local>"
)

# Shared between the web processes and the task worker (observatory figures are refreshed
# by the worker): files by default, Redis in production (CACHE_URL=redis://…).
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache'}")}

# Security: secure cookies and HSTS whenever not in DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# TLS is usually terminated by the reverse proxy, which redirects; set it to 1 otherwise.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Believed from the proxies of TRUSTED_PROXIES only: TrustedProxySchemeMiddleware drops the
# header of any other client.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _provider_origins(providers: dict) -> list[str]:
    origins = []
    for provider in providers.values():
        scheme, _, rest = provider["discovery_url"].partition("://")
        origins.append(f"{scheme}://{rest.split('/')[0]}")
    return sorted(set(origins))


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Leaflet and the DSFR position elements with style attributes.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", *env.list("MAP_TILE_HOSTS", default=[])],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        # Signing out of a provider redirects the posted form to the provider's logout page.
        "form-action": [SELF, *_provider_origins(OIDC_PROVIDERS)],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "mutualis.api.exceptions.french_exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["mutualis.api.limits.AnonRateThrottle"],
    "DEFAULT_PARSER_CLASSES": [
        "mutualis.api.limits.JSONParser",
        "mutualis.api.limits.FormParser",
        "mutualis.api.limits.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Mutualis",
    "DESCRIPTION": (
        "Annuaire des organismes gestionnaires et des ESSMS (FINESS) et profils SI ; "
        "éligibilité et financement des grappes ; initiatives de mutualisation et retours "
        "d'expérience publiés."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# Platform identity: the DSFR is reserved to State websites; the operator comes from settings.
MUTUALIS = {
    "SITE_NAME": env.str("SITE_NAME", default="Mutualis"),
    "SITE_TAGLINE": env.str(
        "SITE_TAGLINE",
        default="Mutualiser les systèmes d'information du social et du médico-social",
    ),
    "OPERATOR_NAME": env.str("OPERATOR_NAME", default="République<br>Française"),
    "SHOW_MARIANNE": env.bool("SHOW_MARIANNE", default=True),
    "DEMO": env.bool("DEMO", default=False),
    "MAP_TILE_URL": env.str("MAP_TILE_URL", default=""),
    "MAP_TILE_ATTRIBUTION": env.str("MAP_TILE_ATTRIBUTION", default=""),
    # Attempts per hour beyond which a French 429 page answers: sign-in failures from one
    # address over all accounts (a password spray; the per-account lock is django-axes'),
    # sign-up and password reset requests per address and per e-mail address.
    "SIGN_IN_FAILURES_PER_ADDRESS": env.int("SIGN_IN_FAILURES_PER_ADDRESS", default=50),
    "SIGN_UP_PER_ADDRESS": env.int("SIGN_UP_PER_ADDRESS", default=20),
    "SIGN_UP_PER_EMAIL": env.int("SIGN_UP_PER_EMAIL", default=3),
    "PASSWORD_RESET_PER_ADDRESS": env.int("PASSWORD_RESET_PER_ADDRESS", default=20),
    "PASSWORD_RESET_PER_EMAIL": env.int("PASSWORD_RESET_PER_EMAIL", default=3),
    # Largest JSON body the API reads (beyond: a French 413 answer).
    "API_MAX_BODY_KB": env.int("API_MAX_BODY_KB", default=1024),
    # Statistical confidentiality: no figure computed from fewer entities than this.
    "SMALL_CELL_MINIMUM": 5,
    # Suggested grappes aim at this many ESSMS, a safety margin above the programme's
    # minimum so that one withdrawal does not break eligibility.
    "SUGGESTION_TARGET_ESSMS": env.int("SUGGESTION_TARGET_ESSMS", default=18),
    # Largest signed agreement scan a member may upload.
    "SIGNED_SCAN_MAX_MB": 10,
    # Largest DOCX agreement template an administrator may upload (it is filled to check it).
    "DOCUMENT_TEMPLATE_MAX_MB": 5,
    # Project milestones due within this many days are recalled by e-mail (and flagged).
    "MILESTONE_REMINDER_DAYS": env.int("MILESTONE_REMINDER_DAYS", default=7),
    # Wrong workshop codes one address may try per hour (codes are short and joining needs
    # no account: this keeps guessing out of reach, 30^6 codes, while a venue's participants
    # sharing one address can still mistype).
    "WORKSHOP_CODE_ATTEMPTS": env.int("WORKSHOP_CODE_ATTEMPTS", default=100),
    # FINESS imports: an establishment missing from a file is closed only in the départements
    # where the file holds at least this share of the open ESSMS the directory has.
    "FINESS_COVERAGE_SHARE": env.float("FINESS_COVERAGE_SHARE", default=0.8),
    # A plan closing or moving more than max(minimum, share × open ESSMS of the file's
    # territory) establishments is held until a national administrator confirms the count.
    "FINESS_HOLD_SHARE": env.float("FINESS_HOLD_SHARE", default=0.01),
    "FINESS_HOLD_MINIMUM": env.int("FINESS_HOLD_MINIMUM", default=20),
    # Daily FINESS+ refresh (refresh_finess): address of the current "Structures" JSON file
    # on data.gouv.fr (empty: not configured) and, optionally, of its published SHA-256.
    "FINESS_PLUS_URL": env.str("FINESS_PLUS_URL", default=""),
    "FINESS_PLUS_SHA256_URL": env.str("FINESS_PLUS_SHA256_URL", default=""),
    # FINESS import (uploads and refresh_finess downloads): every file is read within these
    # limits (mutualis.finess.limits), so that no input, however hostile, takes more than a
    # few hundred MB of memory.
    "FINESS_MAX_UPLOAD_MB": env.int("FINESS_MAX_UPLOAD_MB", default=200),
    "FINESS_MAX_UNZIPPED_MB": env.int("FINESS_MAX_UNZIPPED_MB", default=2000),
    "FINESS_MAX_GZIP_RATIO": env.int("FINESS_MAX_GZIP_RATIO", default=100),
    "FINESS_MAX_LINE_KB": env.int("FINESS_MAX_LINE_KB", default=64),
    "FINESS_MAX_FIELD_KB": env.int("FINESS_MAX_FIELD_KB", default=8),
    "FINESS_MAX_FIELDS": env.int("FINESS_MAX_FIELDS", default=64),
    "FINESS_MAX_JSON_DEPTH": env.int("FINESS_MAX_JSON_DEPTH", default=64),
    "FINESS_MAX_JSON_TOKEN_KB": env.int("FINESS_MAX_JSON_TOKEN_KB", default=64),
    "FINESS_MAX_JSON_ENTRY_MB": env.int("FINESS_MAX_JSON_ENTRY_MB", default=8),
    "FINESS_MAX_RECORDS": env.int("FINESS_MAX_RECORDS", default=300_000),
    "FINESS_MAX_TEXT_MB": env.int("FINESS_MAX_TEXT_MB", default=64),
    "FINESS_MAX_ISSUES": env.int("FINESS_MAX_ISSUES", default=200_000),
}

# Panels of "Mon espace" provided by apps below accounts (which imports none of them):
# dotted paths of functions taking the request and returning HTML ("" when there is nothing).
ACCOUNT_SPACE_PANELS = ["mutualis.portal.views.region_cockpit"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
