"""Resource limits of the FINESS readers, and the bounded streams that enforce them.

Any file, however hostile, is read in bounded memory: the file size, the decompressed
size of a gzip archive, the length of a line, of a field and of a JSON token, the nesting
depth and the size of one JSON entry, the number of records, their text and the number of
reported issues are capped. Each violation raises ``LimitExceeded`` (a ``NotAFinessFile``)
with one French message naming where it happened (line, JSON entry) and the limit.

The readers take a ``ReadLimits``; its defaults are safe. The directory layer builds one
from the settings (``mutualis.directory.finess_limits``): this package never reads them.

JSON is guarded below the parser, on the raw bytes (``JsonGuard``), because yajl buffers a
whole token before ijson sees it (a 200 MB string costs 400 MB) and ijson 3.6's C backend
crashes the process on an integer of more than 4 300 digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, BinaryIO

import ijson

from mutualis.finess.records import (
    EstablishmentRecord,
    FinessReadResult,
    ManagingBodyRecord,
    NotAFinessFile,
)

KB = 1024
MB = 1024 * KB
# Below this decompressed size the gzip ratio is not checked (tiny archives expand a lot).
GZIP_RATIO_FLOOR = 1 * MB
# ijson's C backend converts integers with int(): more than 4 300 digits crash it.
MAX_NUMBER_CHARS = 4000


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_file_bytes: int = 200 * MB  # the file as given, compressed or not
    max_unzipped_bytes: int = 2000 * MB  # a gzip archive once decompressed
    max_gzip_ratio: int = 100  # decompressed bytes per compressed byte (JSON may reach 50)
    max_line_bytes: int = 64 * KB  # etalab: one line, end of line included
    max_field_chars: int = 8 * KB  # etalab: one field
    max_fields: int = 64  # etalab: fields on one line
    max_json_depth: int = 64  # JSON: nested arrays and objects
    max_token_bytes: int = 64 * KB  # JSON: one string (escaped form) or number
    # JSON: one entry of a top-level list (a ``pmej``); built, it may take 28 times its size
    # (a list of decimals), so that 8 MB keep it under 250 MB.
    max_item_bytes: int = 8 * MB
    # Establishments and legal entities held (etalab: every such line read); about 700
    # bytes each, so that 300 000 stay under 250 MB. A FINESS file has fewer than 200 000.
    max_records: int = 300_000
    # Characters of text (names, addresses…) in the records held: a hostile file of long
    # fields stays small. The national file (all domains) holds about 11 million.
    max_text_chars: int = 64_000_000
    max_issues: int = 200_000  # rejected lines and warnings


DEFAULT_LIMITS = ReadLimits()


class LimitExceeded(NotAFinessFile):
    """A file refused because it exceeds a reading limit."""

    def __init__(self, what: str, where: str = "") -> None:
        self.what, self.where = what, where
        super().__init__(f"Fichier refusé : {where + ', ' if where else ''}{what}.")

    def at(self, where: str) -> LimitExceeded:
        """The same violation located (unless it already is)."""
        return self if self.where else LimitExceeded(self.what, where)


def number(n: int) -> str:
    """``1234567`` -> ``"1 234 567"`` (French grouping, no-break spaces)."""
    return f"{n:,}".replace(",", "\u00a0")


def size(n: int) -> str:
    """A byte count in French units: ``"64 Ko"``, ``"1,5 Mo"``, ``"500 octets"``."""
    for unit, scale in (("Mo", MB), ("Ko", KB)):
        if n >= scale:
            value = n / scale
            if value >= 10 or value == int(value):
                return f"{number(round(value))} {unit}"
            return f"{value:.1f} {unit}".replace(".", ",")
    return f"{number(n)} octets"


def _text_of(record_class: type) -> attrgetter:
    return attrgetter(*(f.name for f in fields(record_class) if f.type == "str"))


_TEXT_OF = {cls: _text_of(cls) for cls in (EstablishmentRecord, ManagingBodyRecord)}


class Holdings:
    """What a reader holds in memory (records, their text, issues), checked against the
    limits after each line or entry: ``check(where)`` raises ``LimitExceeded``."""

    def __init__(self, result: FinessReadResult, limits: ReadLimits) -> None:
        self._result, self._limits = result, limits
        self._measured = [0, 0]  # establishments, managing bodies whose text is counted
        self.text = 0

    def check(self, where: str, read: int = 0) -> None:
        """``read``: records read so far, when more than those held matter."""
        result, limits = self._result, self._limits
        for index, records in enumerate((result.establishments, result.managing_bodies)):
            if len(records) > self._measured[index]:
                for record in records[self._measured[index] :]:
                    self.text += sum(map(len, _TEXT_OF[type(record)](record)))
                self._measured[index] = len(records)
        held = len(result.establishments) + len(result.managing_bodies)
        if max(held, read) > limits.max_records:
            what = f"plus de {number(limits.max_records)} établissements et entités juridiques"
            raise LimitExceeded(what, where)
        if self.text > limits.max_text_chars:
            what = (
                f"plus de {number(limits.max_text_chars)} caractères de texte "
                "dans les établissements et entités juridiques lus"
            )
            raise LimitExceeded(what, where)
        if len(result.rejects) + len(result.warnings) > limits.max_issues:
            what = f"plus de {number(limits.max_issues)} lignes rejetées ou signalées"
            raise LimitExceeded(what, where)


class CountedStream:
    """A binary stream that refuses to yield more than ``allowed`` bytes per pass.

    Wraps a decompressing stream (gzip): ``what`` words the limit in the error.
    ``seek(0)`` starts a new pass (the JSON reader reads twice).
    """

    def __init__(self, raw: BinaryIO, allowed: int, what: str) -> None:
        self._raw, self._allowed, self._what = raw, allowed, what
        self._count = 0

    def _counted(self, data: bytes) -> bytes:
        self._count += len(data)
        if self._count > self._allowed:
            raise LimitExceeded(self._what)
        return data

    def _bound(self, size: int | None) -> int:
        """Never ask for more than one byte past the allowance."""
        left = self._allowed - self._count + 1
        return left if size is None or size < 0 else min(size, left)

    def read(self, size: int = -1) -> bytes:
        return self._counted(self._raw.read(self._bound(size)))

    def readline(self, size: int = -1) -> bytes:
        return self._counted(self._raw.readline(self._bound(size)))

    def seek(self, offset: int, whence: int = 0) -> int:
        position = self._raw.seek(offset, whence)
        if position == 0:
            self._count = 0
        return position


def gzip_allowance(compressed_bytes: int, limits: ReadLimits) -> tuple[int, str]:
    """Decompressed bytes allowed for an archive of this size, and the limit in words."""
    by_ratio = max(limits.max_gzip_ratio * compressed_bytes, GZIP_RATIO_FLOOR)
    if by_ratio < limits.max_unzipped_bytes:
        return by_ratio, (
            f"archive gzip de plus de {size(by_ratio)} une fois décompressée "
            f"(plus de {limits.max_gzip_ratio} fois sa taille)"
        )
    allowed = limits.max_unzipped_bytes
    return allowed, f"archive gzip de plus de {size(allowed)} une fois décompressée"


_BACKSLASHES = b"\\\\"
_ESCAPED_QUOTE = b'\\"'
_SEPARATORS = [bytes([byte]) for byte in b" \t\r\n,:[]{}"]
# Digits become "0", anything else "x": a long number is a long run of "0".
_DIGITS = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x78 for byte in range(256))
# Quotes and brackets only, brackets all as "[" or "]".
_SKELETON = bytes.maketrans(b"{}", b"[]")
_NOT_SKELETON = bytes(byte for byte in range(256) if byte not in b'"[]{}')


class JsonGuard:
    """A binary stream for ijson that checks the raw JSON text as it is read.

    Each chunk is checked with C-speed byte operations only. Escapes are neutralised
    (same length, no quote), then: no run of more than ``MAX_NUMBER_CHARS`` digits; no
    string longer than ``max_token_bytes``; the brackets outside strings give the depth
    (balanced pairs removed round by round, an exact scan only when the bound comes near
    the limit), within ``max_json_depth``; an entry deeper than ``item_depth`` (a ``pmej``
    of the FINESS+ flux) within ``max_item_bytes``, counted per chunk. The fast path holds
    when no string of the chunk contains a bracket (then the quotes, once brackets are set
    aside, pair up side by side); otherwise the chunk is split on its quotes. The
    unfinished string or number at the end of a chunk is scanned again with the next one.
    """

    def __init__(self, raw: Any, limits: ReadLimits, item_depth: int = 2) -> None:
        self._raw, self._limits, self._item_depth = raw, limits, item_depth
        self._pending = b""
        self._in_string = False
        self._depth = 0
        self._item_bytes = 0
        self.offset = 0  # bytes read so far (the one at fault is among them)

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size if size and size > 0 else 64 * KB) if size != 0 else b""
        self.offset += len(chunk)
        if chunk:
            self._scan(chunk)
        return chunk

    def where(self) -> str:
        return f"dans les {number(self.offset)} premiers octets"

    def _scan(self, chunk: bytes) -> None:
        data = self._pending + chunk
        marked = data
        if b"\\" in data:  # escapes keep their length, but no longer count as quotes
            marked = data.replace(_BACKSLASHES, b"__").replace(_ESCAPED_QUOTE, b"__")
        if b"0" * (MAX_NUMBER_CHARS + 1) in marked.translate(_DIGITS):
            raise LimitExceeded(f"nombre JSON de plus de {number(MAX_NUMBER_CHARS)} chiffres")
        skeleton = marked.translate(_SKELETON, _NOT_SKELETON)
        outside = (b'"' + skeleton if self._in_string else skeleton).replace(b'""', b"")
        quotes = outside.count(b'"')
        if quotes <= 1 and outside.endswith(b'"' * quotes) and self._no_long_run(marked):
            brackets, self._in_string = outside[: len(outside) - quotes], quotes == 1
        else:
            brackets = self._split(marked)
        self._nest(brackets, len(chunk))
        last_quote = marked.rfind(b'"')
        if self._in_string:  # the open string is scanned again with the next chunk
            self._pending = data[last_quote + 1 :] if last_quote >= 0 else data
            if len(self._pending) > self._limits.max_token_bytes:
                raise LimitExceeded(f"valeur JSON de plus de {size(self._limits.max_token_bytes)}")
        else:  # so is the unfinished number or literal
            cut = max(marked.rfind(separator, last_quote + 1) for separator in _SEPARATORS)
            self._pending = data[max(cut, last_quote) + 1 :]
            if len(self._pending) > 4 * MAX_NUMBER_CHARS:  # longer than any number can be
                raise LimitExceeded(f"nombre JSON de plus de {number(MAX_NUMBER_CHARS)} chiffres")

    def _no_long_run(self, marked: bytes) -> bool:
        """True when no stretch without quotes is longer than ``max_token_bytes``.

        Such a stretch would cross the middle of ``marked`` when it is at most twice as
        long as the limit: one look on each side of it is enough.
        """
        limit = self._limits.max_token_bytes
        if len(marked) <= limit:
            return True
        if len(marked) > 2 * limit + 1:
            return False
        left = marked.rfind(b'"', 0, limit + 1)
        right = marked.find(b'"', limit)
        return (right if right >= 0 else len(marked)) - left - 1 <= limit

    def _split(self, marked: bytes) -> bytes:
        """Exact path: the strings' lengths and the brackets outside them."""
        pieces = marked.split(b'"')
        first_string = 0 if self._in_string else 1
        strings, outside = pieces[first_string::2], pieces[1 - first_string :: 2]
        if max(map(len, strings), default=0) > self._limits.max_token_bytes:
            raise LimitExceeded(f"valeur JSON de plus de {size(self._limits.max_token_bytes)}")
        self._in_string = (len(pieces) - 1 - first_string) % 2 == 0
        return b"".join(outside).translate(_SKELETON, _NOT_SKELETON)

    def _nest(self, brackets: bytes, chunk_bytes: int) -> None:
        """Follow the depth through the brackets of one chunk."""
        limit, start = self._limits.max_json_depth, self._depth
        reduced, rounds = brackets, 0
        while b"[]" in reduced and rounds <= limit:
            reduced, rounds = reduced.replace(b"[]", b""), rounds + 1
        closers = reduced.count(b"]")  # now all before the openers
        openers = len(reduced) - closers
        if rounds > limit or start + openers + rounds > limit:
            self._depth, lowest = _exact_depth(brackets, start, limit)
        else:
            self._depth, lowest = start - closers + openers, start - closers
        if min(start, lowest) <= self._item_depth:
            self._item_bytes = 0 if self._depth <= self._item_depth else chunk_bytes
        else:
            self._item_bytes += chunk_bytes
        if self._item_bytes > self._limits.max_item_bytes:
            raise LimitExceeded(f"entrée JSON de plus de {size(self._limits.max_item_bytes)}")


def _exact_depth(brackets: bytes, depth: int, limit: int) -> tuple[int, int]:
    """End and lowest depth after these brackets; raise beyond ``limit`` levels."""
    lowest = depth
    for bracket in brackets:
        if bracket == 0x5B:
            depth += 1
            if depth > limit:
                raise LimitExceeded(f"imbrication JSON sur plus de {limit} niveaux")
        else:
            depth -= 1
            lowest = min(lowest, depth)
    return depth, lowest


def bounded_items(
    stream: BinaryIO, prefix: str, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[Any]:
    """The objects under ``prefix`` (e.g. ``"pmej.item"``), built one at a time, each
    within the limits; a violation is located after the last entry built."""
    guard = JsonGuard(stream, limits, item_depth=prefix.count(".") + 1)
    name, rank = prefix.split(".")[0], 0
    try:
        for rank, item in enumerate(ijson.items(guard, prefix), start=1):  # noqa: B007
            yield item
    except LimitExceeded as exc:
        where = f"après l'entrée « {name} » n° {number(rank)}, {guard.where()}"
        raise exc.at(where) from None
