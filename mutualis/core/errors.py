"""French error responses: the site layout for pages, ``{"detail": ...}`` JSON under ``/api/``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

API_PREFIX = "/api/"

API_DETAILS = {
    400: "Requête non valable.",
    403: "Vous n'avez pas la permission d'effectuer cette action.",
    404: "Ressource introuvable.",
    405: "Méthode non autorisée.",
    429: "Trop de requêtes : réessayez plus tard.",
    500: "Erreur inattendue du serveur : réessayez plus tard.",
}


# Reasons shared by many views, for ``PermissionDenied(reason)``: the 403 page shows them.
NOT_A_MEMBER = (
    "Cette page est réservée aux membres d'un organisme gestionnaire : demandez à rejoindre "
    "votre organisme depuis sa fiche dans l'annuaire, ou à son administrateur de vous inviter."
)
MANAGING_BODY_ADMINS_ONLY = (
    "Seuls les administrateurs de l'organisme gestionnaire modifient sa fiche et ses membres."
)
NATIONAL_ADMIN_ONLY = "Cette page est réservée aux administrateurs nationaux de la plateforme."


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(status: int, detail: str = "") -> JsonResponse:
    return JsonResponse({"detail": detail or API_DETAILS[status]}, status=status)


def error_page(
    request: HttpRequest, status: int, context: dict | None = None, template: str = ""
) -> HttpResponse:
    """The French page of ``status`` (``core/<status>.html``), or its JSON under the API."""
    if is_api(request):
        return api_error(status, (context or {}).get("reason", ""))
    return render(request, template or f"core/{status}.html", context or {}, status=status)


def reason_of(exception: BaseException | None) -> str:
    """The French reason a view gave to ``PermissionDenied("…")``, or an empty string."""
    return str(exception) if exception is not None and exception.args else ""
