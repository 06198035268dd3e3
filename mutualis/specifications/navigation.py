"""The tabs of a specification's pages, in journey order: (URL name, label). Each part of the
app adds its own; views pass ``tabs(user, specification, current)`` to the header include."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from mutualis.specifications.perms import can_rate

TABS: tuple[tuple[str, str], ...] = (
    ("detail", "Vue d'ensemble"),
    ("rate", "Notation"),
    ("convergence", "Convergence et arbitrage"),
    ("criteria", "Critères"),
    ("offers", "Offres"),
    ("analysis", "Analyse et décision"),
    ("documents", "Documents et publication"),
)


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    current: bool


def tabs(user, specification, current: str) -> list[Tab]:
    """The tabs ``user`` may follow: the rating one only for who rates."""
    hidden = set() if can_rate(user, specification) else {"rate"}
    return [
        Tab(label, reverse(f"specifications:{name}", args=[specification.uid]), name == current)
        for name, label in TABS
        if name not in hidden
    ]
