"""French wording of the generated documents: counts with their plural, "de" and "à" with
their elisions and contractions (pure: no ORM).

``count(1, "organisme", "organismes")`` gives "1 organisme"; ``de("l'organisme")`` gives
"de l'organisme", ``de("le porteur")`` "du porteur", ``de("Association des Volcans")``
"d'Association des Volcans"; ``a("les membres")`` gives "aux membres".
"""

from __future__ import annotations

from mutualis.core.text import count_label

# A word starting with one of these elides "de" to "d'". "h" is left out: whether it is
# mute ("l'hôpital") or aspirated ("la Haute-Loire") is a matter of the word, not the letter.
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


def count(number: int, one: str, many: str) -> str:
    """ "0 organisme", "1 organisme", "2 organismes" (French singular up to 1)."""
    return count_label(number, one, many)


def _article(phrase: str) -> tuple[str, str]:
    """The leading definite article ("le", "la", "l'", "les") of ``phrase``, and the rest."""
    lower = phrase.lower()
    for article in ("les ", "le ", "la "):
        if lower.startswith(article):
            return article.strip(), phrase[len(article) :]
    if lower.startswith(("l'", "l’")):
        return "l'", phrase[2:]
    return "", phrase


def de(phrase: str) -> str:
    """ "de" before ``phrase``: "du" (le), "des" (les), "de la", "de l'", "d'" before a vowel."""
    phrase = phrase.strip()
    article, rest = _article(phrase)
    if article == "le":
        return f"du {rest}"
    if article == "les":
        return f"des {rest}"
    if article:
        return f"de {phrase[: len(phrase) - len(rest)].lower()}{rest}"
    if phrase[:1].lower() in _VOWELS:
        return f"d'{phrase}"
    return f"de {phrase}"


def a(phrase: str) -> str:
    """ "à" before ``phrase``: "au" (le), "aux" (les), "à la", "à l'"."""
    phrase = phrase.strip()
    article, rest = _article(phrase)
    if article == "le":
        return f"au {rest}"
    if article == "les":
        return f"aux {rest}"
    if article:
        return f"à {phrase[: len(phrase) - len(rest)].lower()}{rest}"
    return f"à {phrase}"
