"""French text analysis for the SQLite full-text index, and highlight rendering (both
databases). Pure functions, no ORM.

SQLite's FTS5 ``unicode61`` tokenizer folds case and accents but has no French stemmer, so
the index receives text already normalised here, token for token (one normalised token per
original token: FTS5 ``highlight()`` and ``snippet()`` then mark the original text read from
the content table at the same positions). Queries go through the same normalisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mutualis.core.text import strip_accents

# What unicode61 calls a token: a run of letters and digits (Unicode L*, N*).
TOKEN = re.compile(r"[^\W_]+")
# Highlight markers: control characters that never reach the page.
START, STOP = "\x02", "\x03"

# The Snowball French stop list shipped with PostgreSQL (tsearch_data/french.stop), accents
# folded: queries drop these words on SQLite as the ``french`` configuration does.
_STOP_LIST = """
    au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme mes
    moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi
    ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants
    etantes suis es est sommes sont serai seras sera serons serez seront serais serait serions
    seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit
    soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu
    eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait
    aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies
    ait ayons ayez aient eusse eusses eussions eussiez eussent"""
STOP_WORDS = frozenset(_STOP_LIST.split())
# Light derivational endings removed once the plural is gone, when 4+ letters remain:
# mutualisation / mutualiser / mutualisé → mutualis; groupement / grouper / groupe → group.
SUFFIXES = ("ement", "ation", "ee", "er", "e")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold(token: str) -> str:
    """Lower case, no accents, no ligatures."""
    return strip_accents(token.lower().translate(LIGATURES))


def stem(token: str) -> str:
    """A light French stemmer: plural (s, x, aux → al), then one common ending. Acronyms of
    three letters (DUI, DPO, RSI) and numbers are left alone."""
    word = fold(token)
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("aux") and not word.endswith("eaux") and len(word) > 4:
        word = word[:-3] + "al"  # régionaux → régional (but tableaux → tableau)
    elif word[-1] in "sx":
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFC", text or ""))


def index_text(text: str) -> str:
    """The normalised text given to FTS5: exactly one stem per original token."""
    return " ".join(stem(token) for token in tokens(text))


@dataclass
class Clause:
    stems: list[str]
    negated: bool = False
    alternatives: list[Clause] = field(default_factory=list)  # joined by "or"

    def fts5(self) -> str:
        phrase = '"' + " ".join(self.stems) + '"'  # stems are letters and digits only
        if not self.alternatives:
            return phrase
        return "(" + " OR ".join([phrase, *(c.fts5() for c in self.alternatives)]) + ")"


@dataclass
class ParsedQuery:
    """A web-search query (words, "quoted phrases", -exclusions, or), as PostgreSQL's
    ``websearch_to_tsquery`` reads it."""

    text: str
    clauses: list[Clause]

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    def __bool__(self) -> bool:
        return bool(self.positive)

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every positive clause, none of the excluded ones."""
        expression = " AND ".join(c.fts5() for c in self.positive)
        for clause in self.clauses:
            if clause.negated:
                expression = f"({expression}) NOT {clause.fts5()}"
        return expression


QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def parse(text: str) -> ParsedQuery:
    text = (text or "").strip()[:200]
    clauses: list[Clause] = []
    pending_or = False
    for match in QUERY_PART.finditer(text):
        quoted = match.group(2) is not None
        raw = match.group(2) if quoted else match.group(4)
        negated = bool(match.group(1) if quoted else match.group(3))
        if not quoted and raw.lower() == "or":
            pending_or = bool(clauses)
            continue
        words = [fold(t) for t in tokens(raw)]
        if not quoted:  # a single word of the query: its stop words are dropped
            words = [w for w in words if w not in STOP_WORDS]
        if not words:
            continue
        clause = Clause([stem(w) for w in words], negated)
        if pending_or and not negated and not clauses[-1].negated:
            clauses[-1].alternatives.append(clause)
        else:
            clauses.append(clause)
        pending_or = False
    return ParsedQuery(text, clauses)


def render(raw: str | None) -> SafeString:
    """Escape text carrying highlight markers and turn the markers into ``<mark>``."""
    parts, opened = [], False
    for piece in re.split(f"([{START}{STOP}])", raw or ""):
        if piece == START and not opened:
            parts.append("<mark>")
            opened = True
        elif piece == STOP and opened:
            parts.append("</mark>")
            opened = False
        elif piece not in (START, STOP):
            parts.append(escape(piece))
    if opened:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text escaped above


def plain_excerpt(text: str, words: int = 40) -> str:
    found = (text or "").split()
    return " ".join(found[:words]) + (" …" if len(found) > words else "")
