"""DRF exception handler: every API error is ``{"detail": "…"}`` in French (validation errors
stay per field), whatever the client's language."""

from __future__ import annotations

from math import ceil

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler

from mutualis.core.errors import API_DETAILS

# Texts for DRF's default details; a detail a view wrote itself is kept.
DEFAULT_DETAILS: dict[type[exceptions.APIException], str] = {
    exceptions.ParseError: API_DETAILS[400],
    exceptions.AuthenticationFailed: "Identifiants ou jeton d'authentification non valables.",
    exceptions.NotAuthenticated: (
        "Authentification requise : envoyez l'en-tête « Authorization: Token <jeton> » "
        "(jeton à créer dans votre espace)."
    ),
    exceptions.PermissionDenied: API_DETAILS[403],
    exceptions.NotFound: API_DETAILS[404],
    exceptions.UnsupportedMediaType: (
        "Type de contenu non pris en charge : envoyez du JSON (application/json)."
    ),
    exceptions.NotAcceptable: "Format de réponse demandé non disponible : demandez du JSON.",
}


def _french_detail(exc: exceptions.APIException, method: str) -> str | None:
    """The French text replacing DRF's default detail, None to keep the view's own detail."""
    if isinstance(exc, exceptions.MethodNotAllowed):
        return f"Méthode {method} non autorisée sur cette adresse."
    if isinstance(exc, exceptions.Throttled):
        return (
            f"Trop de requêtes : réessayez dans {ceil(exc.wait)} s."
            if exc.wait
            else API_DETAILS[429]
        )
    if isinstance(exc, exceptions.UnsupportedMediaType | exceptions.NotAcceptable):
        return DEFAULT_DETAILS[type(exc)]  # DRF's detail names the client's media type
    text = DEFAULT_DETAILS.get(type(exc))
    return text if text and str(exc.detail) == str(exc.default_detail) else None


def french_exception_handler(exc, context):
    if isinstance(exc, Http404):  # get_object_or_404's English "No X matches the given query."
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, exceptions.APIException):
        text = _french_detail(exc, context["request"].method)
        if text is not None:
            exc.detail = exceptions.ErrorDetail(text, exc.default_code)
    return exception_handler(exc, context)
