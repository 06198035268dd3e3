"""What the API accepts from one client: a throttle keyed on the client address as every
limit reads it (``core.clientip``, not DRF's own X-Forwarded-For reading), and request bodies
bounded by ``MUTUALIS["API_MAX_BODY_KB"]`` (a French 413 answer beyond)."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework import parsers, status, throttling
from rest_framework.exceptions import APIException

from mutualis.core.clientip import client_ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def _bounded(stream) -> io.BytesIO:
    """The body read from ``stream``, refused beyond the bound without reading further."""
    limit = settings.MUTUALIS["API_MAX_BODY_KB"] * 1024
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise PayloadTooLarge(
            f"Le corps de la requête dépasse la taille acceptée par l'API "
            f"({settings.MUTUALIS['API_MAX_BODY_KB']} Ko)."
        )
    return io.BytesIO(body)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(_bounded(stream), media_type, parser_context)


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(_bounded(stream), media_type, parser_context)
