"""FINESS numbers: format and control key.

A FINESS number has 9 characters: two for the département (``2A``/``2B`` in Corsica,
``97``/``98`` overseas), six for the sequence and a final control key. The format is
the one of the FINESS XSD. The key is a Luhn (mod 10) check over the 9 characters, the
Corsican letters counting as A=1 and B=2 (inferred from the 2021 national extract,
where every number satisfies it; see domain.md §2.4).
"""

from __future__ import annotations

import re

FINESS_PATTERN: re.Pattern[str] = re.compile(r"[0-9][0-9A-Z][0-9]{7}")

_LETTER_VALUES = {"A": 1, "B": 2}


def is_valid_format(number: str) -> bool:
    """True when ``number`` has the FINESS shape (9 characters, letter allowed in 2nd)."""
    return FINESS_PATTERN.fullmatch(number) is not None


def has_valid_key(number: str) -> bool:
    """True when the Luhn key of a well-formed FINESS number is correct."""
    if not is_valid_format(number):
        return False
    total = 0
    # Walk from the key (rightmost character) leftwards, doubling every second digit.
    for position, char in enumerate(reversed(number)):
        if char.isdigit():
            digit = int(char)
        elif char in _LETTER_VALUES:
            digit = _LETTER_VALUES[char]
        else:
            return False
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


_TYPING_SEPARATORS = re.compile(r"[\s.\-]+")


def typed_number(text: str) -> str | None:
    """The FINESS number in ``text`` as people type it, with spaces, dots or dashes
    ("690 015 508", "69.001.550.8", "2a0000..."), upper-cased; None if it is not one."""
    compact = _TYPING_SEPARATORS.sub("", text or "").upper()
    return compact if is_valid_format(compact) else None
