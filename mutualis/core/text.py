"""Text helpers shared by search and imports."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Upper-case, accent-free, single-spaced form used for ``icontains`` search columns."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.replace("’", "'")).strip().upper()
