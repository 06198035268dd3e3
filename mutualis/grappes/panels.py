"""Panels other apps add to the grappe page. Grappes sits above them (they may import it,
not the reverse): each registers, at ``ready()``, a provider turning (user, grappe) into a
link shown under "Autres espaces de la grappe", or None when the user may not see it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    title: str
    url: str
    text: str = ""


Provider = Callable[[object, object], Panel | None]
_providers: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    _providers[key] = provider


def panels_for(user, grappe) -> list[Panel]:
    return [panel for provider in _providers.values() if (panel := provider(user, grappe))]
