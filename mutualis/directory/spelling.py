"""Spelling suggestions for the directory search ("Vouliez-vous dire « … » ?").

Pure functions over a vocabulary: the normalised words of the establishments' names and
communes with their frequency (``core.text.normalize`` form). A word of the query missing
from it is replaced by the most frequent word one edit away (a letter deleted, inserted,
replaced, or two letters swapped), else by the most frequent close word for difflib.
"""

from __future__ import annotations

import difflib
import string
from collections import Counter
from collections.abc import Iterable, Iterator

# Shorter words are abbreviations (IME, CH, ST) where a correction is a guess.
MIN_WORD_LENGTH = 4
CLOSE_ENOUGH = 0.8
_LETTERS = string.ascii_uppercase + string.digits


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How many times each word appears in the normalised ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(text.split())
    return counts


def _one_edit_away(word: str) -> Iterator[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            if len(right) > 1:
                yield left + right[1] + right[0] + right[2:]
        for letter in _LETTERS:
            yield left + letter + right
            if right:
                yield left + letter + right[1:]


def correction(word: str, words: Counter[str]) -> str | None:
    """The known word the user most likely meant, or None when ``word`` is known, too short
    to guess or far from every known word."""
    if word in words or len(word) < MIN_WORD_LENGTH or word.isdigit():
        return None
    near = {candidate for candidate in _one_edit_away(word) if candidate in words}
    if not near:
        near = set(difflib.get_close_matches(word, words, n=5, cutoff=CLOSE_ENOUGH))
    return max(near, key=lambda candidate: (words[candidate], candidate)) if near else None


def suggestion(query: str, words: Counter[str]) -> str | None:
    """The normalised ``query`` with its misspelt words corrected, or None if none is."""
    typed = query.split()
    corrected = [correction(word, words) or word for word in typed]
    return " ".join(corrected) if corrected != typed else None
