from django.http import HttpResponseNotAllowed

from mutualis.core import errors


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
