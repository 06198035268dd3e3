"""Daily refresh of the directory from the FINESS+ "Structures" file on data.gouv.fr.

The etalab extracts stopped in May 2026; FINESS+ publishes a daily JSON file instead
(domain.md §2.2–2.3). ``refresh`` downloads it from ``MUTUALIS["FINESS_PLUS_URL"]``:

1. a conditional request (``If-None-Match``/``If-Modified-Since`` from the last successful
   refresh): 304 means nothing new;
2. the body streamed to a temporary file under ``FINESS_MAX_UPLOAD_MB``, its SHA-256
   computed on the way and checked against the published one when
   ``FINESS_PLUS_SHA256_URL`` is set; the same SHA-256 as the last applied file means
   nothing to do;
3. ``run_import(…, wet_run=True, complete=True)``: a plan held by the import's safety
   threshold (too many closures or moves) writes nothing and is reported as such.

Every attempt is recorded as a ``FinessRefresh`` with a French message; network and HTTP
failures become messages, never tracebacks.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import re
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.text import get_valid_filename

from mutualis.core.models import ImportRun
from mutualis.directory.finess_import import ImportPlan, failure_message, run_import
from mutualis.directory.finess_limits import max_upload_mb
from mutualis.directory.models import FinessRefresh, Grouping
from mutualis.finess.records import NotAFinessFile

logger = logging.getLogger(__name__)

USER_AGENT = "Mutualis/1 (rafraîchissement quotidien FINESS+)"
CHUNK_BYTES = 1 << 16
CHECKSUM_MAX_BYTES = 64 * 1024
DEFAULT_FILE_NAME = "finess-plus-structures.json"
SHA256_PATTERN = re.compile(r"\b[0-9a-fA-F]{64}\b")
APPLIED_COUNTS = ("ajoutés", "modifiés", "déplacés", "fermés", "rejetés")


class NotConfigured(Exception):
    """No FINESS+ address is configured: nothing is attempted, nothing recorded."""


class RefreshFailed(Exception):
    """A French reason why the file could not be fetched or trusted."""


class _NotModified(Exception):
    pass


@dataclass(frozen=True)
class Validators:
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Download:
    path: Path
    sha256: str
    size: int
    validators: Validators


def max_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


def last_validators() -> Validators:
    """ETag and Last-Modified of the last successful refresh (applied or up to date)."""
    last = (
        FinessRefresh.objects.filter(status__in=FinessRefresh.SUCCESSFUL)
        .exclude(etag="", last_modified="")
        .first()
    )
    return Validators(last.etag, last.last_modified) if last else Validators()


def last_applied_sha256() -> str:
    last = FinessRefresh.objects.filter(status=FinessRefresh.Status.APPLIED).first()
    return last.sha256 if last else ""


def _check_scheme(url: str, what: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise RefreshFailed(f"Adresse {what} invalide : seules les adresses http(s) sont admises.")


def _open(url: str, headers: dict[str, str], timeout: float, what: str):
    """The response to a GET of ``url``, or ``RefreshFailed`` with the French reason."""
    _check_scheme(url, what)
    # The scheme is checked above (no file:); redirects are limited to http(s) and ftp.
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})  # noqa: S310
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310
    except urllib.error.HTTPError as error:
        if error.code == 304:
            raise _NotModified from error
        raise RefreshFailed(
            f"Le serveur {what} a répondu « {error.code} {error.reason} » : fichier non téléchargé."
        ) from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise RefreshFailed(f"Impossible de joindre le serveur {what} ({reason}).") from error
    if response.status != 200:
        response.close()
        raise RefreshFailed(f"Réponse inattendue du serveur {what} : code {response.status}.")
    return response


def _too_large(limit: int) -> RefreshFailed:
    return RefreshFailed(
        f"Fichier FINESS+ trop volumineux : plus de {limit // (1024 * 1024)} Mo "
        "(réglage FINESS_MAX_UPLOAD_MB). Rien n'a été importé."
    )


def _file_name(url: str) -> str:
    name = get_valid_filename(PurePosixPath(urlsplit(url).path).name or "")
    return name[-150:] if name else DEFAULT_FILE_NAME


def download(url: str, previous: Validators, folder: Path, limit: int, timeout: float) -> Download:
    """Stream the file into ``folder`` (raises ``_NotModified`` on 304)."""
    headers = {}
    if previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    response = _open(url, headers, timeout, "FINESS+")
    with response:
        length = response.headers.get("Content-Length", "")
        if length.isascii() and length.isdigit() and int(length) > limit:
            raise _too_large(limit)
        path = folder / _file_name(response.url or url)
        digest, size = hashlib.sha256(), 0
        try:
            with path.open("wb") as out:
                while chunk := response.read(CHUNK_BYTES):
                    size += len(chunk)
                    if size > limit:
                        raise _too_large(limit)
                    digest.update(chunk)
                    out.write(chunk)
        except (http.client.HTTPException, OSError) as error:
            raise RefreshFailed(
                f"Téléchargement du fichier FINESS+ interrompu après {size} octets ({error})."
            ) from error
        validators = Validators(
            response.headers.get("ETag", "")[:200],
            response.headers.get("Last-Modified", "")[:100],
        )
    return Download(path, digest.hexdigest(), size, validators)


def published_sha256(url: str, timeout: float) -> str:
    try:
        with _open(url, {}, timeout, "de l'empreinte FINESS+") as response:
            text = response.read(CHECKSUM_MAX_BYTES).decode("ascii", "replace")
    except _NotModified as error:  # never conditional: a server bug
        raise RefreshFailed("Empreinte SHA-256 publiée illisible (réponse 304).") from error
    except (http.client.HTTPException, OSError) as error:
        raise RefreshFailed(f"Empreinte SHA-256 publiée illisible ({error}).") from error
    found = SHA256_PATTERN.search(text)
    if found is None:
        raise RefreshFailed("Empreinte SHA-256 publiée illisible : aucune empreinte trouvée.")
    return found.group(0).lower()


def _finish(record: FinessRefresh, status: str, message: str) -> FinessRefresh:
    record.status = status
    record.message = message
    record.finished_at = timezone.now()
    record.save()
    return record


def _applied_message(run: ImportRun, plan: ImportPlan) -> str:
    date = f" du {run.file_date:%d/%m/%Y}" if run.file_date else ""
    counts = plan.counts()
    figures = ", ".join(f"{counts[label]} {label}" for label in APPLIED_COUNTS)
    groupings = Grouping.objects.count()
    return (
        f"Fichier FINESS+{date} appliqué : {figures} ; "
        f"{groupings} groupement{'s' if groupings > 1 else ''} de coopération."
    )


def _held_message(plan: ImportPlan) -> str:
    closed, moved = len(plan.closed), len(plan.moved)
    return (
        f"Import retenu : {closed} fermeture(s) et {moved} déplacement(s) dépassent le seuil "
        "de sécurité. Rien n'a été écrit (simulation enregistrée). Vérifiez la simulation, "
        f"puis relancez avec --allow-closures {plan.hold.to_confirm} pour l'appliquer."
    )


def refresh(
    *,
    allowed_closures: int | None = None,
    timeout: float = 60.0,
) -> FinessRefresh:
    """Fetch and apply the current FINESS+ file; the recorded attempt says what happened."""
    url = settings.MUTUALIS["FINESS_PLUS_URL"].strip()
    if not url:
        raise NotConfigured(
            "Rafraîchissement FINESS+ non configuré : indiquez l'adresse du fichier "
            "« Structures » de FINESS+ (data.gouv.fr) dans le réglage FINESS_PLUS_URL."
        )
    record = FinessRefresh.objects.create(url=url[:500])
    previous = last_validators()
    with tempfile.TemporaryDirectory(prefix="finess-plus-") as folder:
        try:
            fetched = download(url, previous, Path(folder), max_bytes(), timeout)
        except _NotModified:
            record.etag, record.last_modified = previous.etag, previous.last_modified
            return _finish(
                record,
                FinessRefresh.Status.NOT_MODIFIED,
                "Rien de nouveau : le fichier FINESS+ n'a pas changé depuis le dernier "
                "rafraîchissement.",
            )
        except RefreshFailed as error:
            return _finish(record, FinessRefresh.Status.FAILED, str(error))
        record.sha256, record.size = fetched.sha256, fetched.size
        record.etag = fetched.validators.etag
        record.last_modified = fetched.validators.last_modified
        return _apply(record, fetched, allowed_closures, timeout)


def _apply(
    record: FinessRefresh, fetched: Download, allowed_closures: int | None, timeout: float
) -> FinessRefresh:
    checksum_url = settings.MUTUALIS["FINESS_PLUS_SHA256_URL"].strip()
    try:
        if checksum_url and published_sha256(checksum_url, timeout) != fetched.sha256:
            raise RefreshFailed(
                "Empreinte SHA-256 différente de celle publiée : fichier FINESS+ refusé, "
                "rien n'a été importé."
            )
    except RefreshFailed as error:
        return _finish(record, FinessRefresh.Status.FAILED, str(error))
    if fetched.sha256 == last_applied_sha256():
        return _finish(
            record,
            FinessRefresh.Status.UNCHANGED,
            "Fichier identique au dernier fichier FINESS+ appliqué : rien à faire.",
        )
    try:
        run, plan = run_import(
            fetched.path, wet_run=True, complete=True, allowed_closures=allowed_closures
        )
    except NotAFinessFile as error:
        return _finish(record, FinessRefresh.Status.FAILED, failure_message(error))
    except Exception as error:  # every failure becomes the run's French message
        logger.exception("Échec du rafraîchissement FINESS+")
        return _finish(record, FinessRefresh.Status.FAILED, failure_message(error))
    record.import_run = run
    if run.dry_run:  # held and not confirmed: nothing was written
        return _finish(record, FinessRefresh.Status.HELD, _held_message(plan))
    return _finish(record, FinessRefresh.Status.APPLIED, _applied_message(run, plan))
