"""Rules of an answer that do not need the database: the once-only priorities."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mutualis.workshops.models import Priority


def once_only_errors(
    ratings: Mapping[str, int], unique_levels: Iterable[int], labels: Mapping[str, str]
) -> list[str]:
    """French messages naming the levers given a once-only priority more than once."""
    errors = []
    for level in unique_levels:
        if level not in Priority.values:
            continue
        codes = [code for code, rated in ratings.items() if rated == level]
        if len(codes) > 1:
            names = [f"{code}. {labels.get(code, code)}" for code in codes]
            listed = ", ".join(names[:-1]) + " et " + names[-1]
            errors.append(
                f"« {Priority(level).label} » ne peut être donné qu'à un seul levier : "
                f"vous l'avez donné à {listed}. Gardez-en un."
            )
    return errors
