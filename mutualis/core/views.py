from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from mutualis.core import errors


def sources(request):
    return render(request, "core/sources.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def bad_request(request, exception=None):
    return errors.error_page(request, 400)


def permission_denied(request, exception=None):
    """The 403 page says why (the view's ``PermissionDenied("…")``) and what to do."""
    return errors.error_page(request, 403, {"reason": errors.reason_of(exception)})


def page_not_found(request, exception=None):
    return errors.error_page(request, 404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired or missing form token, in French."""
    return errors.error_page(request, 403, template="core/403_csrf.html")


def server_error(request):
    """Self-contained (no context processor, no database): the cause may be the database."""
    if errors.is_api(request):
        return errors.api_error(500)
    return HttpResponseServerError(loader.get_template("core/500.html").render())
