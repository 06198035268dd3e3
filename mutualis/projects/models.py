"""Project tracking of a grappe: milestones, meetings, risks, funding tranches, usage targets,
and the record of the reminders sent."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

SCALE = [MinValueValidator(1), MaxValueValidator(4)]


class Project(models.Model):
    """The follow-up of a selected grappe, opened by its carrier."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    grappe = models.OneToOneField(
        "grappes.Grappe", on_delete=models.CASCADE, related_name="project", verbose_name="grappe"
    )
    opened_on = models.DateField("ouvert le")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "projet"
        ordering = ["-opened_on"]

    def __str__(self) -> str:
        return f"Projet {self.grappe.name}"


class Milestone(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField("code du jalon type", max_length=40, blank=True)
    title = models.CharField("intitulé", max_length=200)
    planned_date = models.DateField("date prévue")
    actual_date = models.DateField("date de réalisation", null=True, blank=True)
    responsible = models.ForeignKey(
        "grappes.GrappeMember",
        verbose_name="membre responsable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    establishment = models.ForeignKey(
        "directory.Establishment",
        verbose_name="ESSMS concerné",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField("notes", blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "jalon"
        ordering = ["planned_date", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def is_late(self, today: datetime.date) -> bool:
        return self.actual_date is None and self.planned_date < today

    def is_due_within(self, today: datetime.date, days: int) -> bool:
        return (
            self.actual_date is None
            and today <= self.planned_date <= today + datetime.timedelta(days=days)
        )


class Meeting(models.Model):
    class Mode(models.TextChoices):
        REMOTE = "remote", "En visioconférence"
        ON_SITE = "on_site", "Sur place"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("date")
    mode = models.CharField("modalité", max_length=10, choices=Mode, default=Mode.REMOTE)
    host = models.ForeignKey(
        "grappes.GrappeMember",
        verbose_name="membre qui accueille ou anime",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agenda = models.TextField("ordre du jour", blank=True, max_length=3000)
    minutes = models.TextField("compte rendu", blank=True, max_length=10000)
    decisions = models.TextField("décisions", blank=True, max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réunion"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Réunion du {self.date:%d/%m/%Y}"


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Ouvert"
        MITIGATED = "mitigated", "Maîtrisé"
        CLOSED = "closed", "Clos"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField("risque", max_length=200)
    likelihood = models.PositiveSmallIntegerField("probabilité (1 à 4)", validators=SCALE)
    impact = models.PositiveSmallIntegerField("impact (1 à 4)", validators=SCALE)
    owner = models.ForeignKey(
        "grappes.GrappeMember",
        verbose_name="membre responsable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mitigation = models.TextField("mesures de maîtrise", blank=True, max_length=3000)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.OPEN)
    source = models.CharField("source", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "risque"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    likelihood__gte=1, likelihood__lte=4, impact__gte=1, impact__lte=4
                ),
                name="risk_scale_1_4",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def criticality(self) -> int:
        return self.likelihood * self.impact


class Tranche(models.Model):
    """A funding tranche, expected then received by the carrier."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tranches")
    position = models.PositiveSmallIntegerField("ordre", default=1)
    label = models.CharField("libellé", max_length=200)
    expected_amount = models.DecimalField("montant attendu (€)", max_digits=12, decimal_places=2)
    expected_date = models.DateField("date attendue", null=True, blank=True)
    received_date = models.DateField("date de réception", null=True, blank=True)
    received_amount = models.DecimalField(
        "montant reçu (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "tranche de financement"
        verbose_name_plural = "tranches de financement"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_received(self) -> bool:
        return self.received_date is not None


class UsageTarget(models.Model):
    """A usage target of one ESSMS of the grappe (condition of the last payment)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="usage_targets")
    establishment = models.ForeignKey(
        "directory.Establishment",
        verbose_name="ESSMS",
        on_delete=models.PROTECT,
        related_name="+",
    )
    indicator = models.CharField("indicateur", max_length=200)
    target_value = models.DecimalField(
        "valeur cible", max_digits=12, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        "valeur atteinte", max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField("unité", max_length=30, blank=True)
    proof = models.CharField("preuve (texte court ou lien)", max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cible d'usage"
        verbose_name_plural = "cibles d'usage"
        ordering = ["establishment__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "establishment", "indicator"], name="one_target_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.establishment}"


class ReminderLog(models.Model):
    """One reminder e-mail round per project and day (the command is idempotent per day)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField("envoyé le")
    recipients = models.PositiveIntegerField("destinataires", default=0)
    milestones = models.JSONField("jalons rappelés", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["project", "sent_on"], name="one_reminder_per_day")
        ]

    def __str__(self) -> str:
        return f"Rappel du {self.sent_on:%d/%m/%Y} — {self.project}"
