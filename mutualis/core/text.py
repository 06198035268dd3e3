"""Text helpers shared by search, imports and French wording."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[^0-9A-Z]+")


def strip_accents(text: str) -> str:
    """The text without its diacritics ("Orée" gives "Oree")."""
    if text.isascii():  # most FINESS names and search words: skip the Unicode decomposition
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Upper-case, accent-free words for search: "E.H.P.A.D. l'Orée" gives "EHPAD L OREE"."""
    stripped = strip_accents(text or "").upper()
    return _SEPARATORS.sub(" ", stripped.replace(".", "")).strip()


def count_label(count: int, one: str, many: str) -> str:
    """ "1 organisme", "0 retour", "1\u202f234 établissements": French singular up to 1, digits
    grouped by a narrow no-break space."""
    return f"{count:,}".replace(",", "\u202f") + " " + (one if count <= 1 else many)
