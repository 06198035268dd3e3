"""Checks of an uploaded proof of a usage value: its real type read from its content (PDF, PNG,
JPEG, or CSV text), never from its name, and its size. Pure: bytes in, a type or a French
error out."""

from __future__ import annotations

from mutualis.core import uploads

CSV = "text/csv"
EXTENSIONS = {uploads.PDF: "pdf", uploads.PNG: "png", uploads.JPEG: "jpg", CSV: "csv"}
ACCEPT = ".pdf,.png,.jpg,.jpeg,.csv"


class ProofError(ValueError):
    """A French message saying why the file is refused."""


def _is_csv(head: bytes) -> bool:
    """Text (UTF-8 or Windows-1252, no NUL byte) with a separator on its first line."""
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # the head may cut a UTF-8 character in two; Windows-1252 exports are common too
        text = head.decode("cp1252", errors="replace")
        if text.count("\ufffd") > 2:
            return False
    first = text.splitlines()[0] if text.splitlines() else ""
    printable = all(ch.isprintable() or ch in "\t\r\n" for ch in text.replace("\ufffd", ""))
    return printable and any(sep in first for sep in ";,\t")


def proof_type(name: str, head: bytes, size: int, max_bytes: int) -> str:
    """The content type of a proof file, or ProofError. ``head``: its first bytes (4 kB)."""
    if size > max_bytes:
        raise ProofError(
            f"Le fichier dépasse {max_bytes // (1024 * 1024)} Mo : déposez un fichier plus léger."
        )
    if size == 0:
        raise ProofError("Le fichier est vide.")
    for magic, kind in uploads.SIGNATURES:
        if head.startswith(magic):
            return kind
    if name.lower().endswith(".csv") and _is_csv(head):
        return CSV
    raise ProofError(
        "Déposez un fichier PDF, PNG, JPEG ou CSV : le contenu de ce fichier n'en est pas un."
    )
