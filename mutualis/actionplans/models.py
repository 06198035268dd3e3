"""Six-month action plans opened from a workshop's ranking or a survey's lever shares: actions
with an owner, dates within the plan's horizon, a status and progress, dated updates, comments
and links to initiatives, experience reports and grappes; reminders sent before due dates."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class ActionPlan(models.Model):
    """A territory's plan, its levers frozen from the vote or survey it follows."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("titre", max_length=300)
    region = models.ForeignKey(
        "territories.Region", verbose_name="région", on_delete=models.PROTECT, related_name="+"
    )
    workshop = models.ForeignKey(
        "workshops.Workshop",
        verbose_name="atelier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    survey = models.ForeignKey(
        "workshops.NeedsSurvey",
        verbose_name="recensement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name="plan précédent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_plans",
    )
    source_label = models.CharField("issu de", max_length=300, blank=True)
    # [{"code", "label", "rank", "score"}], frozen when the plan is opened (levers.py).
    levers = models.JSONField("leviers et résultats du vote", default=list, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="animateur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_on = models.DateField("ouvert le")
    horizon_on = models.DateField("horizon")
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "plan d'action"
        verbose_name_plural = "plans d'action"
        ordering = ["-opened_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(horizon_on__gt=models.F("opened_on")), name="plan_horizon_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Action(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", "À lancer"
        DOING = "doing", "En cours"
        DONE = "done", "Fait"
        DROPPED = "dropped", "Abandonné"

    class OwnerKind(models.TextChoices):
        BODY = "body", "Organisme de l'annuaire"
        ARS = "ars", "ARS"
        GRADES = "grades", "GRADeS"
        COLLECTIF = "collectif", "Collectif SI"
        OTHER = "other", "Autre (texte libre)"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    lever_code = models.CharField("levier", max_length=10, blank=True)
    title = models.CharField("action", max_length=300)
    description = models.TextField("description", blank=True, max_length=3000)
    owner_kind = models.CharField("type de responsable", max_length=10, choices=OwnerKind)
    owner_body = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme responsable",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_label = models.CharField("responsable (précision)", max_length=200, blank=True)
    starts_on = models.DateField("début")
    due_on = models.DateField("échéance")
    status = models.CharField("statut", max_length=10, choices=Status, default=Status.TODO)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    position = models.PositiveIntegerField("ordre", default=0)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name="initiatives", blank=True, related_name="+"
    )
    reports = models.ManyToManyField(
        "library.ExperienceReport",
        verbose_name="retours d'expérience",
        blank=True,
        related_name="+",
    )
    grappes = models.ManyToManyField(
        "grappes.Grappe", verbose_name="grappes", blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "action"
        ordering = ["lever_code", "due_on", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_max"),
            models.CheckConstraint(
                condition=Q(status="done", progress=100)
                | (~Q(status="done") & Q(progress__lt=100)),
                name="action_done_iff_complete",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="action_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_name(self) -> str:
        if self.owner_kind == self.OwnerKind.BODY and self.owner_body_id:
            return str(self.owner_body)
        if self.owner_kind == self.OwnerKind.OTHER:
            return self.owner_label
        kind = self.get_owner_kind_display()
        return f"{kind} ({self.owner_label})" if self.owner_label else kind

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.TODO, self.Status.DOING)

    def is_late(self, today) -> bool:
        return self.is_open and self.due_on < today


class ActionUpdate(models.Model):
    """A dated entry of an action's timeline, optionally moving its status or progress."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("date")
    text = models.TextField("point d'étape", max_length=3000)
    status = models.CharField("nouveau statut", max_length=10, choices=Action.Status, blank=True)
    progress = models.PositiveSmallIntegerField("nouvel avancement (%)", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "point d'étape"
        verbose_name_plural = "points d'étape"
        ordering = ["-on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} — {self.text[:60]}"


class Comment(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("commentaire", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField("masqué le", null=True, blank=True)

    class Meta:
        verbose_name = "commentaire"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ReminderLog(models.Model):
    """One reminder of an action: before its due date, then once overdue; never twice."""

    class Kind(models.TextChoices):
        DUE = "due", "Échéance proche"
        OVERDUE = "overdue", "En retard"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind)
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "relance"
        constraints = [
            models.UniqueConstraint(fields=["action", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.action} — {self.get_kind_display()}"
