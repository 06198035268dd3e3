"""Pre-filled ratings: what a member's needs survey and maturity self-diagnostic suggest for
one item. Pure, no ORM.

- a palier 0 or 1 on one of the item's maturity indicators -> Indispensable (origin: the
  diagnostic): the organisation lacks what the requirement brings;
- else a need the organisation expressed in one of the item's SI domains -> Souhaité (origin:
  the needs survey);
- else no suggestion (the member rates it). Items a member added carry no codes: none.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from mutualis.specifications.models import Importance, Rating

LOW_PALIER = 1  # paliers 0 and 1: the capability is absent or just starting


@dataclass(frozen=True)
class Suggestion:
    importance: str
    origin: str


def codes(text: str) -> list[str]:
    """The codes of a "+"-separated field ("dui+gestion"), blanks dropped."""
    return [code.strip() for code in (text or "").split("+") if code.strip()]


def suggest(
    si_domains: str,
    indicators: str,
    needs: Set[str],
    levels: Mapping[str, int | None],
) -> Suggestion | None:
    for indicator in codes(indicators):
        level = levels.get(indicator)
        if level is not None and level <= LOW_PALIER:
            return Suggestion(Importance.INDISPENSABLE.value, Rating.Origin.MATURITY.value)
    if any(domain in needs for domain in codes(si_domains)):
        return Suggestion(Importance.WISHED.value, Rating.Origin.SURVEY.value)
    return None
