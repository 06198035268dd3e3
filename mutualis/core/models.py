"""Cross-cutting records: the audit log and the import runs."""

import uuid

from django.conf import settings
from django.db import models


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


class ImportRun(models.Model):
    """A run of a data import (FINESS file…), dry or written, with its counts and issues."""

    class Status(models.TextChoices):
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échec"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField("source", max_length=60)
    file_name = models.CharField("fichier", max_length=255)
    file_date = models.DateField("date des données", null=True, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    dry_run = models.BooleanField("simulation", default=True)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.RUNNING)
    started_at = models.DateTimeField("début", auto_now_add=True)
    finished_at = models.DateTimeField("fin", null=True, blank=True)
    counts = models.JSONField("décomptes", default=dict, blank=True)
    rejects = models.JSONField("lignes rejetées", default=list, blank=True)
    warnings = models.JSONField("avertissements", default=list, blank=True)
    error = models.TextField("erreur", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "import de données"
        verbose_name_plural = "imports de données"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.file_name} ({self.started_at:%d/%m/%Y})"
