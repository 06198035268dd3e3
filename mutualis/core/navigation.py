"""The main navigation: its entries, and which one the current page belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import ResolverMatch, reverse


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    sections: tuple[str, ...] = ()  # app names whose pages belong to this entry

    def is_current(self, match: ResolverMatch | None) -> bool:
        if match is None:
            return False
        if match.view_name == self.url_name:
            return True
        return match.app_name in self.sections and not any(
            match.view_name == entry.url_name for entry in MAIN if entry is not self
        )


MAIN = (
    Entry("Accueil", "portal:home"),
    Entry("Annuaire", "directory:establishments", ("directory",)),
    Entry("Autodiagnostic", "maturity:home", ("maturity",)),
    Entry("Grappes", "grappes:list", ("grappes", "specifications", "agreements", "projects")),
    Entry("Partage", "sharing:explore", ("sharing",)),
    Entry("Observatoire", "observatory:dashboard", ("observatory",)),
    Entry("Initiatives", "initiatives:list", ("initiatives",)),
    Entry("Retours d'expérience", "library:home", ("library",)),
    Entry("Besoins et ateliers", "workshops:home", ("workshops", "actionplans")),
    Entry("API", "swagger-ui"),
)


def main_links(match: ResolverMatch | None) -> list[dict]:
    """The main navigation's links, the current one flagged."""
    return [
        {"label": entry.label, "href": reverse(entry.url_name), "current": entry.is_current(match)}
        for entry in MAIN
    ]
