"""Text helpers shared by search and imports."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[^0-9A-Z]+")


def normalize(text: str) -> str:
    """Upper-case, accent-free words for search: "E.H.P.A.D. l'Orée" gives "EHPAD L OREE"."""
    text = text or ""
    if text.isascii():  # most FINESS names: skip the Unicode decomposition
        stripped = text.upper()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).upper()
    return _SEPARATORS.sub(" ", stripped.replace(".", "")).strip()
