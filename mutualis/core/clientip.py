"""The client's address, as every limit reads it (django-axes, the API throttles, our rate
limits): ``REMOTE_ADDR``, or, when the request comes from a trusted proxy (``TRUSTED_PROXIES``),
the right-most ``X-Forwarded-For`` hop that is not itself a trusted proxy. Hops further left
were written by the client and are never believed."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def from_trusted_proxy(request) -> bool:
    """Whether ``request`` reached us through a proxy of ``TRUSTED_PROXIES`` (its
    ``REMOTE_ADDR``): only then are its ``X-Forwarded-*`` headers believed."""
    address = _address(request.META.get("REMOTE_ADDR", "") or "")
    return address is not None and _is_trusted(address)


def client_ip(request) -> str:
    """The address of the client that sent ``request`` ("" when the server gives none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not from_trusted_proxy(request):
        return remote
    current = _address(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",") if forwarded else []):
        address = _address(hop)
        if address is None:  # garbled: what lies left of it cannot be trusted either
            break
        current = address
        if not _is_trusted(address):
            break
    return str(current)
