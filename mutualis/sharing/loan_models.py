"""The convention de mise à disposition agreed after an accepted sharing request: its
versions, signatures, stored documents and the days used each month (imported at the end of
models.py)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from mutualis.sharing import loan_rules


class Loan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Projet"
        SIGNING = "signing", "En signature"
        SIGNED = "signed", "Signée"
        ENDED = "ended", "Terminée"

    class CostMethod(models.TextChoices):
        AT_COST = loan_rules.AT_COST, dict(loan_rules.COST_METHODS)[loan_rules.AT_COST]
        FLAT = loan_rules.FLAT, dict(loan_rules.COST_METHODS)[loan_rules.FLAT]
        FREE = loan_rules.FREE, dict(loan_rules.COST_METHODS)[loan_rules.FREE]

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.OneToOneField(
        "sharing.SharingRequest",
        verbose_name="demande de mise en relation",
        on_delete=models.PROTECT,
        related_name="loan",
    )
    provider = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme prêteur",
        on_delete=models.PROTECT,
        related_name="loans_provided",
    )
    beneficiary = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme bénéficiaire",
        on_delete=models.PROTECT,
        related_name="loans_received",
    )
    skill = models.ForeignKey(
        "sharing.Skill",
        verbose_name="compétence ou ressource",
        on_delete=models.PROTECT,
        related_name="+",
    )
    resource = models.TextField("ressource mise à disposition", max_length=1000)
    person_label = models.CharField(
        "personne (fonction ou prénom)",
        max_length=100,
        blank=True,
        help_text="Données personnelles minimales : une fonction ou un prénom, sans plus.",
    )
    days_per_month = models.DecimalField(
        "jours par mois",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.5), MaxValueValidator(31)],
    )
    daily_cost = models.DecimalField(
        "coût par jour refacturé (€)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    cost_method = models.CharField(
        "mode de calcul du coût", max_length=10, choices=CostMethod, default=CostMethod.AT_COST
    )
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    notice_days = models.PositiveSmallIntegerField(
        "préavis de résiliation (jours)", default=30, validators=[MaxValueValidator(365)]
    )
    vehicle = models.ForeignKey(
        "sharing.Vehicle",
        verbose_name="cadre juridique",
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("état", max_length=10, choices=Status, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField("version", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "convention de mise à disposition"
        verbose_name_plural = "conventions de mise à disposition"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="loan_period_order"
            ),
            models.CheckConstraint(
                condition=models.Q(daily_cost__gte=0), name="loan_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Mise à disposition : {self.skill} — {self.provider} → {self.beneficiary}"

    def body_ids(self) -> tuple[int, int]:
        return (self.provider_id, self.beneficiary_id)


class LoanSignature(models.Model):
    """A body's signature of one version; editing the loan voids the signatures given."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="signatures")
    version = models.PositiveSmallIntegerField("version signée")
    managing_body = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField("nom du signataire", max_length=150)
    capacity = models.CharField("qualité", max_length=150)
    signed_at = models.DateTimeField("signée le", auto_now_add=True)
    voided_at = models.DateTimeField("annulée le (modification)", null=True, blank=True)

    class Meta:
        verbose_name = "signature de mise à disposition"
        ordering = ["loan", "signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "version", "managing_body"], name="one_loan_signature"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} ({self.capacity}) — v{self.version}"


def _document_path(document: "LoanDocument", filename: str) -> str:
    return f"sharing/loans/{document.loan.uid}/{filename}"


class LoanDocument(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="documents")
    version = models.PositiveSmallIntegerField("version")
    kind = models.CharField("format", max_length=4, choices=Kind)
    signed = models.BooleanField("édition signée", default=False)
    file = models.FileField(upload_to=_document_path)
    context = models.JSONField("données")
    context_hash = models.CharField("empreinte", max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document de mise à disposition"
        ordering = ["loan", "-version", "-signed", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "version", "kind", "signed"], name="one_loan_document"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.kind}{' signée' if self.signed else ''}"


class DaysUsed(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="days_used")
    month = models.DateField("mois")  # first day of the month
    days = models.DecimalField(
        "jours",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(31)],
    )
    note = models.CharField("note", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "jours réalisés"
        verbose_name_plural = "jours réalisés"
        ordering = ["loan", "month"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "month"], name="one_days_used_per_month"),
            models.CheckConstraint(
                condition=models.Q(days__gte=0, days__lte=31), name="days_used_0_to_31"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} : {self.days} j"
