"""What follows a closed workshop or a finished survey, offered on their pages.

Apps below workshops (DESIGN.md §2) cannot be imported here: they register a provider from
their ``AppConfig.ready()``. A provider takes the workshop or survey and the user, and returns
the ``(label, url)`` links that user may follow (none when the object is not ready for them).
"""

from __future__ import annotations

from collections.abc import Callable

Provider = Callable[[object, object], "list[tuple[str, str]]"]
_PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Add (or replace, by ``key``) a provider of follow-up links."""
    _PROVIDERS[key] = provider


def registered() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def links(subject, user) -> list[tuple[str, str]]:
    """Every registered provider's links for ``subject`` (a workshop or a survey)."""
    found: list[tuple[str, str]] = []
    for provider in _PROVIDERS.values():
        found += provider(subject, user)
    return found
