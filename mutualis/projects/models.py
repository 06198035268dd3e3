"""Project tracking of a grappe: milestones, meetings, risks, funding tranches, usage targets,
and the record of the reminders sent."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

SCALE = [MinValueValidator(1), MaxValueValidator(4)]
FUTURE_MILESTONE = (
    "Un jalon est atteint au plus tard aujourd'hui : la date ne peut pas être future."
)
FUTURE_RECEIPT = "La date de réception ne peut pas être dans le futur."
NOT_NEGATIVE = [MinValueValidator(0, "La valeur doit être positive ou nulle.")]


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

    def clean(self):
        """A milestone is reached on or before today (the admin's forms call this)."""
        if self.actual_date and self.actual_date > timezone.localdate():
            raise ValidationError({"actual_date": FUTURE_MILESTONE})

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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réunion"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Réunion du {self.date:%d/%m/%Y}"


class Decision(models.Model):
    """A decision taken in a meeting: what, who carries it out, by when (the decision log)."""

    class Status(models.TextChoices):
        OPEN = "open", "À réaliser"
        DONE = "done", "Réalisée"
        DROPPED = "dropped", "Abandonnée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decision_items")
    text = models.CharField("décision", max_length=500)
    owner = models.ForeignKey(
        "grappes.GrappeMember",
        verbose_name="membre responsable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField("échéance", null=True, blank=True)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "décision"
        ordering = ["meeting__date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def is_late(self, today: datetime.date) -> bool:
        return (
            self.status == self.Status.OPEN and self.due_date is not None and self.due_date < today
        )


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

    def clean(self):
        if self.received_date and self.received_date > timezone.localdate():
            raise ValidationError({"received_date": FUTURE_RECEIPT})

    @property
    def is_received(self) -> bool:
        return self.received_date is not None


class UsageIndicator(models.Model):
    """An indicator of the programme's usage targets (reference data, ``data/``), with the
    period its values are recorded for."""

    class Periodicity(models.TextChoices):
        MONTH = "month", "Mensuelle"
        QUARTER = "quarter", "Trimestrielle"
        YEAR = "year", "Annuelle"

    code = models.SlugField("code", max_length=40, unique=True)
    label = models.CharField("intitulé", max_length=200)
    unit = models.CharField("unité", max_length=30)
    domain = models.CharField("domaine", max_length=60)
    periodicity = models.CharField("période de relevé", max_length=10, choices=Periodicity)
    definition = models.TextField("définition", blank=True, max_length=2000)
    source = models.CharField("source", max_length=300)
    reliability = models.CharField("fiabilité", max_length=80)
    version = models.CharField("version du référentiel", max_length=20)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    active = models.BooleanField("proposé aux nouveaux projets", default=True)

    class Meta:
        verbose_name = "indicateur d'usage"
        verbose_name_plural = "indicateurs d'usage"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


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
    reference = models.ForeignKey(
        UsageIndicator,
        verbose_name="indicateur du programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    target_value = models.DecimalField(
        "valeur cible",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    # The latest value recorded (kept by the services from the values' history below).
    actual_value = models.DecimalField(
        "valeur atteinte",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    unit = models.CharField("unité", max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cible d'usage"
        verbose_name_plural = "cibles d'usage"
        ordering = ["establishment__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "establishment", "indicator"], name="one_target_per_indicator"
            ),
            models.CheckConstraint(
                condition=(models.Q(target_value__gte=0) | models.Q(target_value=None))
                & (models.Q(actual_value__gte=0) | models.Q(actual_value=None)),
                name="usage_target_not_negative",
                violation_error_message="Une valeur d'usage ne peut pas être négative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.establishment}"

    @property
    def latest(self) -> "UsageValue | None":
        """The latest value recorded (read from the values prefetched latest first)."""
        values = self.values.all()
        return values[0] if values else None

    @property
    def periodicity(self) -> str:
        return self.reference.periodicity if self.reference else UsageIndicator.Periodicity.MONTH


def _proof_path(value: "UsageValue", filename: str) -> str:
    """Random name under the project's folder: never served by the web server, only by the
    permission-checked proof view."""
    return f"projects/{value.target.project.uid}/proofs/{uuid.uuid4().hex}"


class UsageValue(models.Model):
    """A value of a usage target for one period, with its proof. Every record is kept: the
    latest of a period is its value, the earlier ones its history."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    target = models.ForeignKey(UsageTarget, on_delete=models.CASCADE, related_name="values")
    period = models.CharField("période", max_length=10)  # 2026-11, 2026-T4 or 2026
    value = models.DecimalField(
        "valeur atteinte", max_digits=12, decimal_places=2, validators=NOT_NEGATIVE
    )
    proof_text = models.CharField("preuve (texte court ou lien)", max_length=500, blank=True)
    proof_file = models.FileField("fichier de preuve", upload_to=_proof_path, blank=True)
    proof_type = models.CharField("type du fichier", max_length=40, blank=True)
    proof_name = models.CharField("nom du fichier déposé", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        verbose_name = "valeur d'usage"
        verbose_name_plural = "valeurs d'usage"
        ordering = ["-period", "-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="usage_value_not_negative",
                violation_error_message="Une valeur d'usage ne peut pas être négative.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target.indicator} — {self.period} : {self.value}"


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
