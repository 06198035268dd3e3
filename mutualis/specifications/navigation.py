"""The tabs of a specification's pages, in journey order: (URL name, label). Each part of the
app adds its own; views pass ``tabs(specification, current)`` to the header include."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

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


def tabs(specification, current: str) -> list[Tab]:
    return [
        Tab(label, reverse(f"specifications:{name}", args=[specification.uid]), name == current)
        for name, label in TABS
    ]
