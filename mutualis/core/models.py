"""Cross-cutting records: the audit log, the import runs and the leases of running tasks."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.text import get_valid_filename


class AuditLog(models.Model):
    """One row for every write made through a service function."""

    created_at = models.DateTimeField("date", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField("action", max_length=80)
    object_type = models.CharField("type d'objet", max_length=80)
    object_id = models.CharField("identifiant", max_length=64)
    changes = models.JSONField("modifications", default=dict, blank=True)

    class Meta:
        verbose_name = "entrée du journal d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_type} {self.object_id}"


def _thousands(number: int) -> str:
    """45000 -> "45 000" (no-break space, as French typography and Django's fr format)."""
    return f"{number:,}".replace(",", "\u00a0")


def import_upload_to(run: "ImportRun", filename: str) -> str:
    """imports/<run uid>/<safe original name>, under MEDIA_ROOT."""
    name = get_valid_filename(PurePath(filename).name)[-150:]
    return f"imports/{run.uid}/{name}"


class ImportRun(models.Model):
    """A run of a data import (FINESS file…), dry or written, with its counts and issues.

    Runs started from the browser are queued (a background task fills them, see
    directory/tasks.py) and report their progress in ``phase``/``processed``/``to_process``.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échec"
        # Its worker stopped beating (core.leases); nothing was written. An administrator
        # relaunches it (a new run, ``retry_of`` this one) or abandons it.
        INTERRUPTED = "interrupted", "Interrompu"
        ABANDONED = "abandoned", "Abandonné"

    class Phase(models.TextChoices):
        NONE = "", "—"
        READING = "lecture", "Lecture"
        WRITING = "écriture", "Écriture"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField("source", max_length=60)
    file_name = models.CharField("fichier", max_length=255)
    file_date = models.DateField("date des données", null=True, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    dry_run = models.BooleanField("simulation", default=True)
    status = models.CharField("état", max_length=12, choices=Status, default=Status.RUNNING)
    started_at = models.DateTimeField("début", auto_now_add=True)
    finished_at = models.DateTimeField("fin", null=True, blank=True)
    counts = models.JSONField("décomptes", default=dict, blank=True)
    rejects = models.JSONField("lignes rejetées", default=list, blank=True)
    warnings = models.JSONField("avertissements", default=list, blank=True)
    error = models.TextField("erreur", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Progress, saved now and then by the running import (finess_import.ProgressReporter).
    phase = models.CharField("phase", max_length=10, choices=Phase, default=Phase.NONE, blank=True)
    processed = models.PositiveIntegerField("éléments traités", default=0)
    to_process = models.PositiveIntegerField("éléments à traiter", null=True, blank=True)
    # Uploaded from the browser: the stored file (shared by a simulation and the written run
    # that applies it) and the scope chosen.
    stored_file = models.FileField(
        "fichier déposé", upload_to=import_upload_to, max_length=255, blank=True
    )
    all_domains = models.BooleanField("tous domaines (sanitaire compris)", default=False)
    # A plan closing or moving more than the threshold is held (directory/import_scope.py):
    # its figures and French reason, empty when not held; "refused" says why a written run
    # wrote nothing. ``allowed_closures``: the count a person confirmed to write it anyway.
    hold = models.JSONField("import retenu", default=dict, blank=True)
    allowed_closures = models.PositiveIntegerField("nombre confirmé", null=True, blank=True)
    # Lease (core.leases): refreshed by the running import; older than the lease, it is
    # interrupted. A relaunched run points to the interrupted one it replaces.
    heartbeat_at = models.DateTimeField("dernier signe de vie", null=True, blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name="relance de",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retries",
    )

    class Meta:
        verbose_name = "import de données"
        verbose_name_plural = "imports de données"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.file_name} ({self.started_at:%d/%m/%Y})"

    @property
    def is_active(self) -> bool:
        """Queued or running: its page keeps polling."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress_label(self) -> str:
        """Where the run stands, in French: "Lecture : 45 000 lignes lues"…"""
        if self.status == self.Status.QUEUED:
            return "En attente de traitement"
        if self.status == self.Status.DONE:
            return "Terminé"
        if self.status in (self.Status.FAILED, self.Status.INTERRUPTED, self.Status.ABANDONED):
            return self.get_status_display()
        if self.phase == self.Phase.READING:
            return f"Lecture : {_thousands(self.processed)} lignes lues"
        if self.phase == self.Phase.WRITING:
            if self.to_process is None:
                return f"Écriture : {_thousands(self.processed)} établissements"
            if not self.processed:  # the write is one transaction: seen from outside at its end
                return f"Écriture : {_thousands(self.to_process)} établissements à écrire"
            return (
                f"Écriture : {_thousands(self.processed)} / "
                f"{_thousands(self.to_process)} établissements"
            )
        return "Démarrage"


class ImportChange(models.Model):
    """One establishment a run closes, moves or changes, as planned (the run's report and CSV);
    added establishments are only counted on the run."""

    class Kind(models.IntegerChoices):
        CLOSED = 1, "Fermeture"
        MOVED = 2, "Déplacement"
        CHANGED = 3, "Modification"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    kind = models.PositiveSmallIntegerField("nature", choices=Kind)
    finess = models.CharField("FINESS", max_length=9)
    name = models.CharField("nom", max_length=100)
    departement = models.CharField("département", max_length=3)
    city = models.CharField("commune", max_length=100, blank=True)
    detail = models.TextField("changements", blank=True)  # "nom : A → B ; commune : …"

    class Meta:
        verbose_name = "changement prévu par un import"
        verbose_name_plural = "changements prévus par les imports"
        ordering = ["kind", "departement", "finess"]
        indexes = [models.Index(fields=["run", "kind", "departement"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.finess}"


class TaskLease(models.Model):
    """The heartbeat of a background task while a worker runs it (core.leases): a task
    still running whose heartbeat is older than the lease lost its worker."""

    result = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="lease",
    )
    heartbeat_at = models.DateTimeField("dernier signe de vie")

    class Meta:
        verbose_name = "bail de tâche de fond"
        verbose_name_plural = "baux des tâches de fond"

    def __str__(self) -> str:
        return f"{self.result_id} ({self.heartbeat_at:%d/%m/%Y %H:%M:%S})"
