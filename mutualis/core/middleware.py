from django.http import HttpResponseNotAllowed

from mutualis.core import errors
from mutualis.core.clientip import from_trusted_proxy

FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"


class TrustedProxySchemeMiddleware:
    """``SECURE_PROXY_SSL_HEADER`` believes ``X-Forwarded-Proto``: drop the header unless the
    request comes from a proxy of ``TRUSTED_PROXIES``, so that a client talking to the
    application directly cannot pass a plain-HTTP request for HTTPS (secure cookies, CSRF
    origin checks, ``is_secure()``). First in ``MIDDLEWARE``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FORWARDED_PROTO in request.META and not from_trusted_proxy(request):
            del request.META[FORWARDED_PROTO]
        return self.get_response(request)


class MethodNotAllowedMiddleware:
    """``require_http_methods`` answers an empty 405: give it the French page, same Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        page = errors.error_page(request, 405, {"allowed": response["Allow"]})
        page["Allow"] = response["Allow"]
        return page
