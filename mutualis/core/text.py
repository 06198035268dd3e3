"""Text helpers shared by search, imports and French wording."""

import re
import unicodedata

# Bump whenever ``normalize`` gives a different result for some text, and add a directory
# migration that calls ``directory.search_names.rebuild`` (as 0004 does): stored search
# columns must be computed by the same function as the queries.
NORMALIZATION_VERSION = 2

_LIGATURES = str.maketrans({"Œ": "OE", "Æ": "AE"})
# A dot after a lone letter or digit, unless a word follows it, closes an abbreviation
# ("E.H.P.A.D." is "EHPAD"); any other dot separates words ("HOSP.ST JEAN",
# "F.R.P.A.CHAVANELLE" is "FRPA CHAVANELLE").
_ABBREVIATION_DOT = re.compile(r"(?<![0-9A-Z])([0-9A-Z])\.(?![0-9A-Z]{2})")
_SEPARATORS = re.compile(r"[^0-9A-Z]+")
# FINESS abbreviates saints ("ST ETIENNE", "STE ANNE"); people write them in full.
_CANONICAL_WORDS = {"SAINT": "ST", "SAINTE": "STE"}


def strip_accents(text: str) -> str:
    """The text without its diacritics ("Orée" gives "Oree")."""
    if text.isascii():  # most FINESS names and search words: skip the Unicode decomposition
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Upper-case, accent-free words for search, separated by one space: case, accents,
    hyphens, apostrophes and punctuation do not count, and "Saint"/"Sainte" are written
    "ST"/"STE" as in FINESS. "E.H.P.A.D. l'Orée" gives "EHPAD L OREE", "Saint-Étienne"
    gives "ST ETIENNE"."""
    upper = strip_accents((text or "").upper().translate(_LIGATURES))
    words = _SEPARATORS.sub(" ", _ABBREVIATION_DOT.sub(r"\1", upper)).split()
    return " ".join(_CANONICAL_WORDS.get(word, word) for word in words)


def count_label(count: int, one: str, many: str) -> str:
    """ "1 organisme", "0 retour", "1\u202f234 établissements": French singular up to 1, digits
    grouped by a narrow no-break space."""
    return f"{count:,}".replace(",", "\u202f") + " " + (one if count <= 1 else many)
