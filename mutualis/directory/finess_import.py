"""Load a FINESS file into the directory: plan (diff) first, then write in batches.

Recipe (DESIGN.md §4): read → validate → diff (added, changed, moved, closed, rejected)
→ batched upserts → ImportRun. Dry run by default; nothing is written unless ``wet_run``.
The command runs it synchronously; the browser queues an ImportRun that a background task
fills (``run=``, see tasks.py), with its progress saved now and then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from mutualis.core import bulk, leases
from mutualis.core.models import ImportRun
from mutualis.directory import import_changes
from mutualis.directory.finess_limits import read_limits
from mutualis.directory.groupings import replace_groupings
from mutualis.directory.import_plan import ImportPlan
from mutualis.directory.import_scope import (
    Hold,
    HoldPolicy,
    covered_departements,
    departement_coverage,
    open_in_territory,
    planned_closures,
)
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.name_refresh import refresh_names
from mutualis.directory.search_names import establishment_search_name
from mutualis.finess.json_groupings import read_groupings_file
from mutualis.finess.models import Category, LegalStatus, TariffMode
from mutualis.finess.nomenclatures import social_category_codes
from mutualis.finess.readers import read_finess_file
from mutualis.finess.records import (
    EstablishmentRecord,
    FinessReadResult,
    LineIssue,
    NotAFinessFile,
)
from mutualis.territories.models import Commune, Departement

logger = logging.getLogger(__name__)

MAX_STORED_ISSUES = 2000
# Above this many rows to write, foreign keys are checked once at the end (core.bulk).
LARGE_LOAD = 5000
# A move smaller than about 50 m is geocoding noise, not a move.
MOVE_THRESHOLD_DEGREES = 0.0005
LOCATION_FIELDS = ("latitude", "longitude", "postal_code", "city", "commune_id")
ESTABLISHMENT_FIELDS = (
    "managing_body__finess",
    "name",
    "long_name",
    "search_name",
    "category_id",
    "street_number",
    "street_type",
    "street_name",
    "street_complement",
    "address_complement",
    "locality",
    "postal_code",
    "city",
    "commune_id",
    "departement_id",
    "region_id",
    "phone",
    "siret",
    "ape_code",
    "tariff_mode_id",
    "opened_on",
    "authorized_on",
    "finess_updated_on",
    "latitude",
    "longitude",
    "is_closed",
    "closed_on",
)

NEW_MANAGING_BODY_DEFAULTS = {
    "name_is_placeholder": True,
    "usual_name": "",
    "display_name": "",  # display_name, search_name and main_*: see refresh_names
    "search_name": "",
    "main_city": "",
    "main_city_count": 0,
    "main_departement_id": None,
    "siren": "",
    "legal_status_id": None,
    "street": "",
    "postal_code": "",
    "city": "",
    "departement_id": None,
    "open_to_cooperation": False,
    "establishment_count": 0,
    "is_closed": False,
}


def placeholder_name(finess: str) -> str:
    return f"Organisme gestionnaire {finess}"


class _References:
    """Nomenclature and territory codes known to the database, loaded once per import."""

    def __init__(self) -> None:
        self.categories = set(Category.objects.values_list("code", flat=True))
        self.tariff_modes = set(TariffMode.objects.values_list("code", flat=True))
        self.legal_statuses = set(LegalStatus.objects.values_list("code", flat=True))
        self.region_of = dict(Departement.objects.values_list("code", "region_id"))
        self.communes = set(Commune.objects.values_list("code", flat=True))


def _row(record: EstablishmentRecord, refs: _References) -> dict | str:
    """The model values of a record, or the French reason it cannot be loaded."""
    if record.category_code not in refs.categories:
        return f"Catégorie d'établissement inconnue : {record.category_code}"
    region = refs.region_of.get(record.departement_code)
    if region is None:
        return f"Département inconnu : {record.departement_code or '(vide)'}"
    return {
        "finess": record.finess,
        "managing_body__finess": record.managing_body_finess,
        "name": record.name[:100],
        "long_name": record.long_name[:200],
        "search_name": establishment_search_name(record.name, record.long_name, record.city),
        "category_id": record.category_code,
        "street_number": record.street_number[:10],
        "street_type": record.street_type[:10],
        "street_name": record.street_name[:120],
        "street_complement": record.street_complement[:40],
        "address_complement": (record.name_complement or record.distribution_complement)[:120],
        "locality": record.locality[:60],
        "postal_code": record.postal_code[:5],
        "city": record.city[:100],
        "commune_id": record.commune_code if record.commune_code in refs.communes else None,
        "departement_id": record.departement_code,
        "region_id": region,
        "phone": record.phone[:20],
        "siret": record.siret[:14],
        "ape_code": record.ape_code[:6],
        "tariff_mode_id": record.tariff_mode_code
        if record.tariff_mode_code in refs.tariff_modes
        else None,
        "opened_on": record.opened_on,
        "authorized_on": record.authorized_on,
        "finess_updated_on": record.updated_on,
        "latitude": round(record.latitude, 6) if record.latitude is not None else None,
        "longitude": round(record.longitude, 6) if record.longitude is not None else None,
        "is_closed": False,
        "closed_on": None,
    }


def _has_moved(old: dict, new: dict) -> bool:
    for name in ("latitude", "longitude"):
        if (old[name] is None) != (new[name] is None):
            return True
        if old[name] is not None and abs(old[name] - new[name]) > MOVE_THRESHOLD_DEGREES:
            return True
    return any(old[name] != new[name] for name in ("postal_code", "city", "commune_id"))


def _is_different(old: dict, new: dict) -> bool:
    for name in ESTABLISHMENT_FIELDS:
        if name in ("latitude", "longitude"):
            if (old[name] is None) != (new[name] is None) or (
                old[name] is not None and abs(old[name] - new[name]) > 1e-6
            ):
                return True
        elif old[name] != new[name]:
            return True
    return False


def coverage_share() -> float:
    """Share of a département's open ESSMS a file must hold to close its missing ones."""
    return settings.MUTUALIS["FINESS_COVERAGE_SHARE"]


def hold_policy() -> HoldPolicy:
    return HoldPolicy(
        share=settings.MUTUALIS["FINESS_HOLD_SHARE"],
        minimum=settings.MUTUALIS["FINESS_HOLD_MINIMUM"],
    )


def plan_import(
    result: FinessReadResult,
    scope_categories: set[str] | None,
    closing_date: dt.date | None,
    *,
    complete: bool = False,
) -> ImportPlan:
    """Compare the records read with the directory.

    ``scope_categories`` None means all domains; ``closing_date`` None means that nothing
    is closed (legal-entity file, older file). Otherwise the establishments the file marks
    closed are closed, and those it does not list are closed inside the départements it
    covers (import_scope) — everywhere when the caller declares the file ``complete``; a
    FINESS+ JSON file closes by absence only when ``complete``.
    """
    refs = _References()
    plan = ImportPlan(rejects=list(result.rejects), warnings=list(result.warnings))
    existing = {
        values["finess"]: values
        for values in Establishment.objects.values("finess", *ESTABLISHMENT_FIELDS).iterator(
            chunk_size=5000
        )
    }
    known_bodies = set(ManagingBody.objects.values_list("finess", flat=True))
    seen: dict[str, str] = {}  # FINESS → département of the establishments read
    for record in result.establishments:
        row = _row(record, refs)
        if isinstance(row, str):
            plan.rejects.append(LineIssue(record.line, record.finess, row))
            continue
        if record.finess in seen:
            plan.rejects.append(
                LineIssue(record.line, record.finess, "Numéro FINESS en double dans le fichier")
            )
            continue
        seen[record.finess] = row["departement_id"]
        body = record.managing_body_finess
        if body not in known_bodies and body not in plan.new_managing_bodies:
            plan.new_managing_bodies[body] = {
                "name": placeholder_name(body),
                "departement_id": record.departement_code,
            }
        old = existing.get(record.finess)
        if old is not None and row["latitude"] is None:
            # A file without geolocation (cs1100502, a head of cs1100507) erases no position.
            row["latitude"], row["longitude"] = old["latitude"], old["longitude"]
        if old is None:
            plan.added.append(record.finess)
        elif not _is_different(old, row):
            plan.unchanged += 1
            continue
        elif _has_moved(old, row):
            plan.moved.append(record.finess)
            plan.previous[record.finess] = old
        else:
            plan.changed.append(record.finess)
            plan.previous[record.finess] = old
        plan.rows.append(row)
    _plan_closures(plan, result, existing, seen, scope_categories, closing_date, complete)
    _plan_managing_bodies(plan, result, refs, known_bodies)
    return plan


def _plan_closures(plan, result, existing, seen, scope_categories, closing_date, complete) -> None:
    """Closures (see plan_import), then whether the plan is held."""
    directory_open = {
        finess: old["departement_id"]
        for finess, old in existing.items()
        if not old["is_closed"]
        and (scope_categories is None or old["category_id"] in scope_categories)
    }
    plan.coverage = departement_coverage(directory_open, seen)
    plan.covered = (
        frozenset(c.departement for c in plan.coverage)
        if complete
        else covered_departements(plan.coverage, coverage_share())
    )
    if closing_date is not None:
        closures = planned_closures(
            directory_open,
            seen,
            plan.covered,
            result.marked_closed,
            closing_date,
            by_absence=complete or result.kind != "finess-plus-json",
        )
        for finess, closed_on in closures.items():
            plan.closed.append(finess)
            old = existing[finess]
            plan.rows.append({**old, "finess": finess, "is_closed": True, "closed_on": closed_on})
    territory = open_in_territory(plan.coverage, plan.covered)
    plan.hold = Hold.of(len(plan.closed), len(plan.moved), territory, hold_policy())


def _plan_managing_bodies(plan, result, refs, known_bodies) -> None:
    # The seat's commune under its official name ("Bourg-en-Bresse", not "BOURG EN BRESSE").
    commune_names = (
        dict(Commune.objects.values_list("code", "name")) if result.managing_bodies else {}
    )
    for record in result.managing_bodies:
        if record.finess not in known_bodies and record.finess not in plan.new_managing_bodies:
            continue  # a legal entity without social or medico-social establishment
        values = {
            "name": record.name[:200] or placeholder_name(record.finess),
            "name_is_placeholder": not record.name,
            "siren": record.siren[:9],
            "legal_status_id": record.legal_status_code
            if record.legal_status_code in refs.legal_statuses
            else None,
            "street": record.street[:200],
            "postal_code": record.postal_code[:5],
            "city": (commune_names.get(record.commune_code) or record.city)[:100],
        }
        if record.departement_code in refs.region_of:
            values["departement_id"] = record.departement_code
        if record.finess in plan.new_managing_bodies:
            plan.new_managing_bodies[record.finess].update(values)
        else:
            plan.managing_body_updates[record.finess] = values


def _batches(items: list, size: int = bulk.BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def apply_plan(plan: ImportPlan, progress: Callable[[int], None] | None = None) -> None:
    """Write the plan: managing bodies first, then establishments, in batches."""
    now = timezone.now()
    bulk.upsert(
        ManagingBody,
        [
            {
                "uid": uuid.uuid4(),
                "finess": finess,
                **NEW_MANAGING_BODY_DEFAULTS,
                "updated_at": now,
                **values,
            }
            for finess, values in plan.new_managing_bodies.items()
        ],
        unique_field="finess",
    )
    _update_managing_bodies(plan.managing_body_updates)
    body_ids = dict(ManagingBody.objects.values_list("finess", "pk"))
    with bulk.foreign_keys_checked_at_end(Establishment, when=len(plan.rows) > LARGE_LOAD):
        bulk.upsert(
            Establishment,
            [_establishment_row(row, body_ids) for row in plan.rows],
            unique_field="finess",
            on_batch=progress,
        )
    refresh_establishment_counts()


def _establishment_row(row: dict, body_ids: dict[str, int]) -> dict:
    values = {"uid": uuid.uuid4(), **row}
    values["managing_body_id"] = body_ids[values.pop("managing_body__finess")]
    return values


def _update_managing_bodies(updates: dict[str, dict]) -> None:
    if not updates:
        return
    for batch in _batches(list(updates.items())):
        bodies = {
            b.finess: b for b in ManagingBody.objects.filter(finess__in=[f for f, _ in batch])
        }
        for finess, values in batch:
            body = bodies[finess]
            if not values["name_is_placeholder"] or body.name_is_placeholder:
                for name, value in values.items():
                    setattr(body, name, value)
        ManagingBody.objects.bulk_update(
            bodies.values(),
            [
                "name",
                "name_is_placeholder",
                "siren",
                "legal_status",
                "street",
                "postal_code",
                "city",
                "departement",
            ],
        )


def refresh_establishment_counts() -> None:
    """Store on each managing body its number of open establishments (its size class),
    then its main commune and names (name_refresh); a body without any is closed. Only the
    rows whose figures change are written."""
    body = ManagingBody._meta.db_table
    establishment = Establishment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {body} SET establishment_count = counted.n, is_closed = (counted.n = 0)
            FROM (
                SELECT b.id, COUNT(e.id) AS n FROM {body} b
                LEFT JOIN {establishment} e ON e.managing_body_id = b.id AND NOT e.is_closed
                GROUP BY b.id
            ) AS counted
            WHERE {body}.id = counted.id
              AND ({body}.establishment_count <> counted.n OR {body}.is_closed <> (counted.n = 0))
            """  # noqa: S608
        )
    refresh_names()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _issues(issues: list[LineIssue]) -> list[dict]:
    return [
        {"ligne": i.line, "finess": i.finess, "motif": i.reason} for i in issues[:MAX_STORED_ISSUES]
    ]


def latest_file_date() -> dt.date | None:
    """Date of the FINESS data last written to the directory ("Données FINESS du …")."""
    run = (
        ImportRun.objects.filter(source__startswith="FINESS", dry_run=False, status="done")
        .exclude(file_date=None)
        .order_by("-file_date")
        .first()
    )
    return run.file_date if run else None


def _closing_date(result: FinessReadResult) -> dt.date | None:
    """Establishments missing from a full file no older than the last one are closed."""
    if result.kind == "etalab-legal-entities" or not result.establishments:
        return None
    last = latest_file_date()
    if result.file_date and last and result.file_date < last:
        return None
    return result.file_date or timezone.localdate()


class RunInterrupted(Exception):
    """The run was marked interrupted (its heartbeat looked dead) while this worker still ran
    it: this worker stops, writing nothing (the run may have been relaunched)."""


def beat(run_pk: int) -> None:
    """Refresh the heartbeat of a running import (core.leases.Heartbeat calls it)."""
    ImportRun.objects.filter(pk=run_pk, status=ImportRun.Status.RUNNING).update(
        heartbeat_at=timezone.now()
    )


class ProgressReporter:
    """Saves the progress of a running import to its ImportRun, never once per line: when
    ``every_seconds`` have passed or ``every_rows`` more rows were processed since the last
    save, whichever comes first (a page polling every 2 s sees fresh figures; a fast import
    writes one row update per 5 000 rows at most). Each save refreshes the heartbeat too.

    Written rows are only counted: inside ``apply_plan``'s transaction a save would be seen by
    nobody before the commit, and would lock the run's row against its heartbeat (PostgreSQL);
    the run's outcome is saved in that transaction, with the establishments.
    """

    def __init__(
        self,
        run: ImportRun,
        every_seconds: float = 2.0,
        every_rows: int = 5000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.run = run
        self.every_seconds = every_seconds
        self.every_rows = every_rows
        self.clock = clock
        self._saved_at = clock()
        self._saved_rows = 0

    def start(self, phase: str, to_process: int | None = None) -> None:
        self.run.status = ImportRun.Status.RUNNING
        self.run.phase = phase
        self.run.processed = 0
        self.run.to_process = to_process
        self.save()

    def read(self, lines: int) -> None:
        """``on_read`` callback: lines read so far."""
        self._advance(lines)

    def wrote(self, rows: int) -> None:
        """``on_write`` callback: rows written by the last batch (counted, not saved)."""
        self.run.processed += rows

    def _advance(self, processed: int) -> None:
        self.run.processed = processed
        if (
            processed - self._saved_rows >= self.every_rows
            or self.clock() - self._saved_at >= self.every_seconds
        ):
            self.save()

    def save(self) -> None:
        """Save the progress and the heartbeat; RunInterrupted if the run is no longer this
        worker's (marked interrupted, abandoned)."""
        self.run.heartbeat_at = timezone.now()
        fields = ("status", "phase", "processed", "to_process", "heartbeat_at")
        ours = ImportRun.objects.filter(
            pk=self.run.pk, status__in=(ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
        )
        if not ours.update(**{name: getattr(self.run, name) for name in fields}):
            raise RunInterrupted(self.run.uid)
        self._saved_at = self.clock()
        self._saved_rows = self.run.processed


def _stored_hold(hold: Hold, allowed: int | None, refused: bool) -> dict:
    """What an ImportRun keeps of a held plan (nothing when it is not held)."""
    if not hold.held:
        return {}
    return {**hold.stored(), "refused": hold.refusal(allowed)} if refused else hold.stored()


def _each(*callbacks: Callable[[int], None] | None) -> Callable[[int], None] | None:
    """One callback calling each given one (None when there is none)."""
    active = [callback for callback in callbacks if callback is not None]
    if len(active) <= 1:
        return active[0] if active else None

    def call(n: int) -> None:
        for callback in active:
            callback(n)

    return call


def failure_message(error: Exception) -> str:
    """The French message stored on a failed run."""
    if isinstance(error, NotAFinessFile):
        detail = str(error)
    else:
        detail = f"Erreur inattendue pendant l'import ({type(error).__name__}) : {error}"
    return f"{detail[:2000]} Rien n'a été écrit dans l'annuaire."


def _mark_failed(run: ImportRun, error: Exception) -> None:
    """Record the failure, unless the run is no longer this worker's (RunInterrupted)."""
    run.status = ImportRun.Status.FAILED
    run.error = failure_message(error)
    run.finished_at = timezone.now()
    ours = ImportRun.objects.filter(
        pk=run.pk, status__in=(ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    )
    try:
        ours.update(status=run.status, error=run.error, finished_at=run.finished_at)
    except DatabaseError:  # the connection itself failed: the task's log keeps the error
        logger.exception("Échec de l'import %s non enregistré", run.uid)


def run_import(
    path: Path,
    *,
    wet_run: bool = False,
    all_domains: bool = False,
    actor=None,
    on_read: Callable[[int], None] | None = None,
    on_write: Callable[[int], None] | None = None,
    run: ImportRun | None = None,
    complete: bool = False,
    allowed_closures: int | None = None,
) -> tuple[ImportRun, ImportPlan]:
    """Read, plan and (when ``wet_run``) write a FINESS file; record an ImportRun.

    ``complete`` declares the file the complete national publication (see plan_import). A
    held plan (``plan.held``) is written only when ``allowed_closures`` equals the count to
    confirm (``plan.hold.to_confirm``: its closures, or its moves when only they exceed the
    threshold); otherwise nothing is written and the run is recorded as a simulation.

    Without ``run``, the ImportRun is created once the file is read, and ``NotAFinessFile``
    is raised with nothing recorded (the command). With ``run`` (queued from the browser),
    that run is filled, its progress saved as it goes, and any error marks it FAILED with a
    French message before being raised again; nothing is written either way, since
    ``apply_plan`` is atomic. A run beats (core.leases) from its start; a worker killed
    mid-run leaves it RUNNING with an old heartbeat, then seen as interrupted.
    """
    options = _Options(wet_run, all_domains, complete, allowed_closures)
    if run is None:
        return _run_import(path, options, actor, on_read, on_write, None)
    try:
        with leases.Heartbeat(partial(beat, run.pk)):
            return _run_import(path, options, actor, on_read, on_write, ProgressReporter(run))
    except Exception as error:
        _mark_failed(run, error)
        raise


@dataclass(frozen=True, slots=True)
class _Options:
    wet_run: bool
    all_domains: bool
    complete: bool
    allowed_closures: int | None


def _run_import(
    path: Path,
    options: _Options,
    actor,
    on_read: Callable[[int], None] | None,
    on_write: Callable[[int], None] | None,
    reporter: ProgressReporter | None,
) -> tuple[ImportRun, ImportPlan]:
    scope = None if options.all_domains else social_category_codes()
    if reporter is not None:
        reporter.start(ImportRun.Phase.READING)
        on_read = _each(on_read, reporter.read)
        on_write = _each(on_write, reporter.wrote)
    result = read_finess_file(
        path,
        keep_category=None if scope is None else scope.__contains__,
        progress=on_read,
        limits=read_limits(),
    )
    plan = plan_import(result, scope, _closing_date(result), complete=options.complete)
    refused = options.wet_run and plan.held and options.allowed_closures != plan.hold.to_confirm
    wet_run = options.wet_run and not refused
    values = {
        "source": f"FINESS ({result.kind})",
        "file_name": path.name,
        "file_date": result.file_date,
        "sha256": file_sha256(path),
        "dry_run": not wet_run,
        "all_domains": options.all_domains,
        "started_by": actor if getattr(actor, "is_authenticated", False) else None,
        "hold": _stored_hold(plan.hold, options.allowed_closures, refused),
        "allowed_closures": options.allowed_closures,
    }
    if reporter is None:
        run = ImportRun.objects.create(**values)
    else:
        run = reporter.run
        for name, value in values.items():
            if name in ("file_name", "started_by") and getattr(run, name):
                continue  # the name as uploaded, the person who queued it
            setattr(run, name, value)
        run.save(update_fields=list(values))  # not its status: it may have been interrupted
    import_changes.record_changes(run, plan)
    # Groupings are read before anything is written, then written in the same transaction.
    groupings = (
        read_groupings_file(path, read_limits())
        if wet_run and result.kind == "finess-plus-json"
        else None
    )
    if wet_run and reporter is not None:
        reporter.start(ImportRun.Phase.WRITING, to_process=len(plan.rows))
    # The command's run exists from here (a queued run beats from its start: run_import).
    lease = leases.Heartbeat(partial(beat, run.pk)) if reporter is None else nullcontext()
    with lease, transaction.atomic():  # the directory and the run's outcome commit together
        if wet_run:
            apply_plan(plan, progress=on_write)
            if groupings is not None and groupings.present:
                replace_groupings(groupings)
        _ensure_still_running(run)
        run.counts = {**plan.counts(), "hors périmètre": result.out_of_scope}
        run.rejects = _issues(plan.rejects)
        run.warnings = _issues(plan.warnings)
        run.status = ImportRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
    return run, plan


def _ensure_still_running(run: ImportRun) -> None:
    """Lock the run to record its outcome; RunInterrupted (rolling the write back) if it was
    marked interrupted meanwhile: it may have been relaunched."""
    running = ImportRun.objects.select_for_update().filter(
        pk=run.pk, status=ImportRun.Status.RUNNING
    )
    if not running.exists():
        raise RunInterrupted(run.uid)
