"""The maturity referential (versioned data) and the self-assessments made against it."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

MAX_LEVEL = 4
LEVELS = range(MAX_LEVEL + 1)


class ServiceSocle(models.TextChoices):
    INS = "ins", "INS (identité nationale de santé)"
    MSSANTE = "mssante", "MSSanté"
    DMP = "dmp", "DMP / Mon espace santé"
    PSC = "psc", "Pro Santé Connect"


class ReferentialVersion(models.Model):
    """One version of the referential, loaded from a CSV file; assessments keep theirs."""

    version = models.CharField("version", max_length=20, unique=True)
    title = models.CharField("titre", max_length=200)
    source = models.TextField("source et licence")
    is_current = models.BooleanField("version en vigueur", default=False)
    # Palier from which a service socle counts as adopted (observatory).
    adoption_level = models.PositiveSmallIntegerField(
        "palier d'adoption des services socles", default=3
    )
    imported_at = models.DateTimeField("importée le", auto_now_add=True)

    class Meta:
        verbose_name = "version du référentiel de maturité"
        verbose_name_plural = "versions du référentiel de maturité"
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Dimension(models.Model):
    referential = models.ForeignKey(
        ReferentialVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=200)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["referential", "position"]
        constraints = [
            models.UniqueConstraint(fields=["referential", "code"], name="unique_dimension")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"


class Theme(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=200)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["dimension", "position"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="unique_theme")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Indicator(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("code", max_length=12)
    question = models.TextField("question")
    is_socle = models.BooleanField("question socle", default=False)
    service_socle = models.CharField(
        "service socle mesuré", max_length=10, choices=ServiceSocle, blank=True
    )
    paliers = models.JSONField("libellés des paliers 0 à 4")
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "indicateur"
        ordering = ["theme", "position"]
        constraints = [models.UniqueConstraint(fields=["theme", "code"], name="unique_indicator")]

    def __str__(self) -> str:
        return f"{self.code} {self.question}"


class Assessment(models.Model):
    """A self-assessment of a managing body, or of one of its establishments, for a campaign."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SUBMITTED = "submitted", "Soumis"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referential = models.ForeignKey(
        ReferentialVersion, verbose_name="référentiel", on_delete=models.PROTECT
    )
    managing_body = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme gestionnaire",
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    establishment = models.ForeignKey(
        "directory.Establishment",
        verbose_name="établissement",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    campaign = models.PositiveSmallIntegerField("campagne")
    status = models.CharField("état", max_length=10, choices=Status, default=Status.DRAFT)
    shared_with_region = models.BooleanField("partagé avec l'autorité régionale", default=False)
    # The subject's profile and scores, stored at submission for peer comparison and the
    # observatory (a later move or growth does not rewrite past campaigns).
    region = models.ForeignKey(
        "territories.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    departement = models.ForeignKey(
        "territories.Departement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "finess.Sector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    size_class = models.CharField("taille de l'organisme", max_length=10, blank=True)
    global_score = models.FloatField("score global", null=True, blank=True)
    socle_score = models.FloatField("score socle", null=True, blank=True)
    dimension_scores = models.JSONField("scores par dimension", default=dict, blank=True)
    # Service socle code -> adopted (palier >= the referential's adoption level); absent
    # when its indicator is unanswered.
    services_socles = models.JSONField("services socles adoptés", default=dict, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("soumis le", null=True, blank=True)

    class Meta:
        verbose_name = "autodiagnostic"
        ordering = ["-campaign", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["managing_body", "campaign"],
                condition=models.Q(establishment=None),
                name="one_body_assessment_per_campaign",
            ),
            models.UniqueConstraint(
                fields=["establishment", "campaign"],
                condition=models.Q(establishment__isnull=False),
                name="one_establishment_assessment_per_campaign",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="assessment_campaign")]

    def __str__(self) -> str:
        return f"Autodiagnostic {self.campaign} — {self.subject_name}"

    @property
    def subject_name(self) -> str:
        return (self.establishment or self.managing_body).name

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class PrefillSource(models.TextChoices):
    PREVIOUS = "previous", "la campagne précédente"
    IT_PROFILE = "it_profile", "le profil SI"


class Answer(models.Model):
    """The palier chosen for one indicator; no answer row (or a null level) = not answered."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        "palier", null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    # Where a pre-filled answer came from, until a member confirms it (then blank).
    prefill_source = models.CharField(
        "pré-rempli depuis", max_length=12, choices=PrefillSource, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réponse"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_answer"),
            models.CheckConstraint(
                condition=models.Q(level__lte=MAX_LEVEL), name="answer_level_at_most_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} : {self.level}"
