"""What the API accepts from one client: a throttle keyed on the client address as every
limit reads it (``core.clientip``, not DRF's own X-Forwarded-For reading), and request bodies
bounded by ``MUTUALIS["API_MAX_BODY_KB"]`` (a French 413 answer beyond)."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import parsers, status, throttling
from rest_framework.exceptions import APIException

from mutualis.api.parsers import BoundedJSONParser
from mutualis.core.clientip import client_ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def _too_large(kilobytes: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Le corps de la requête dépasse la taille acceptée par l'API ({kilobytes} Ko)."
    )


def _bounded(stream) -> io.BytesIO:
    """The body read from ``stream``, refused beyond the bound without reading further."""
    kilobytes = settings.MUTUALIS["API_MAX_BODY_KB"]
    body = stream.read(kilobytes * 1024 + 1)
    if len(body) > kilobytes * 1024:
        raise _too_large(kilobytes)
    return io.BytesIO(body)


class JSONParser(BoundedJSONParser):
    """Bounded in size here, in depth by ``BoundedJSONParser``."""

    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(_bounded(stream), media_type, parser_context)


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(_bounded(stream), media_type, parser_context)


class MultiPartParser(parsers.MultiPartParser):
    """Bounded by Django (DATA_UPLOAD_MAX_MEMORY_SIZE, files aside), answered like the rest."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RequestDataTooBig:
            raise _too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024) from None
