"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

REASON = "Seuls les membres de l'organisme gestionnaire peuvent voir cette page."


def suspicious(request):
    raise SuspiciousOperation("Malformed input")


def forbidden_with_reason(request):
    raise PermissionDenied(REASON)


def forbidden(request):
    raise PermissionDenied


@require_POST
def post_only(request):
    return HttpResponse("ok")


def crash(request):
    raise RuntimeError("Broken on purpose")


urlpatterns = [
    path("essai/400/", suspicious),
    path("essai/403-motif/", forbidden_with_reason),
    path("essai/403/", forbidden),
    path("essai/405/", post_only),
    path("essai/500/", crash),
    path("api/essai/500/", crash),
    path("api/essai/403/", forbidden_with_reason),
    *site_urlpatterns,
]
