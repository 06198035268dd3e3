"""Short participation codes: 6 characters from an alphabet without look-alikes
(no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B), easy to read aloud and to type on a phone."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str:
    """What a participant typed, upper-cased, without spaces or dashes."""
    return re.sub(r"[^0-9A-Z]", "", (raw or "").upper())


def is_valid(code: str) -> bool:
    return len(code) == LENGTH and all(char in ALPHABET for char in code)
