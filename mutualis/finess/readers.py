"""Entry point of the FINESS readers: open a file, recognise its kind, dispatch.

Kinds, recognised from the content (never from the file name):

* ``etalab-establishments``: header ``finess;etalab;…`` then ``structureet`` lines
  (cs1100502), optionally followed by ``geolocalisation`` lines (cs1100507);
* ``etalab-legal-entities``: header then ``structureej`` lines (cs1100501);
* ``finess-plus-json``: a JSON object with a top-level ``pmej`` array (FINESS+ flux).

Plain or gzip files are accepted (gzip recognised by its magic bytes). Anything else
raises ``NotAFinessFile`` with a single French message before any record is returned.
Every read stays within ``ReadLimits`` (see ``limits.py``): the file size is checked
before opening, a gzip archive is counted as it is decompressed.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from mutualis.finess.etalab import not_a_finess, read_etalab
from mutualis.finess.json_flux import read_json_flux
from mutualis.finess.limits import (
    DEFAULT_LIMITS,
    CountedStream,
    LimitExceeded,
    ReadLimits,
    gzip_allowance,
    size,
)
from mutualis.finess.records import FinessReadResult

GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096


@contextmanager
def open_binary(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[BinaryIO]:
    """The file's bytes, decompressed if gzip, within the file and gzip size limits
    (``LimitExceeded``). Seekable: ``seek(0)`` starts a new pass."""
    file_bytes = path.stat().st_size
    if file_bytes > limits.max_file_bytes:
        what = f"fichier de {size(file_bytes)}, au-delà de {size(limits.max_file_bytes)}"
        raise LimitExceeded(what)
    with path.open("rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield CountedStream(unzipped, *gzip_allowance(file_bytes, limits))  # type: ignore[misc]
        else:
            yield raw


def _sniff(stream: BinaryIO) -> str:
    """Return "json" or "etalab" from the first bytes, or raise ``NotAFinessFile``."""
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start:
        raise not_a_finess("le fichier est vide")
    if start[:1] == b"{":
        return "json"
    if start[:1] == b"[":
        raise not_a_finess("document JSON sans liste « pmej » (flux FINESS+ Structures)")
    if start[:13].lower() == b"finess;etalab":
        return "etalab"
    if b"\x00" in head:
        raise not_a_finess("fichier binaire (ni texte CSV, ni JSON)")
    raise not_a_finess("la première ligne n'est pas l'en-tête « finess;etalab;… »")


def read_finess_file(
    path: Path,
    keep_category: Callable[[str], bool] | None = None,
    progress: Callable[[int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> FinessReadResult:
    """Read a FINESS file into records, rejects and warnings (no database access).

    ``keep_category(code)`` drops establishments of unwanted categories early (counted in
    ``out_of_scope``); ``progress(n)`` is called now and then with the lines read so far
    (``pmej`` entries for JSON); ``limits`` bound the resources (``LimitExceeded``).
    """
    try:
        with open_binary(Path(path), limits) as stream:
            if _sniff(stream) == "json":
                return read_json_flux(stream, keep_category, progress, limits)
            return read_etalab(stream, keep_category, progress, limits)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise not_a_finess("archive gzip illisible ou tronquée") from exc
