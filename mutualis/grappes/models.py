"""Programme rules (data), grappes, their members and ESSMS, and funding simulations."""

import uuid

from django.conf import settings
from django.db import models

from mutualis.directory.models import HostingMode
from mutualis.grappes.eligibility import SITUATIONS
from mutualis.grappes.rules import Programme


class Reliability(models.TextChoices):
    VERIFIED = "verified", "Vérifiée"
    INFERRED = "inferred", "Déduite"
    TO_CONFIRM = "to_confirm", "À confirmer"


class ProgrammeRule(models.Model):
    """One value of a programme rule, valid for a range of campaign years."""

    programme = models.CharField("programme", max_length=20, choices=Programme.CHOICES)
    key = models.CharField("clé", max_length=60)
    valid_from = models.PositiveSmallIntegerField("à partir de la campagne")
    valid_to = models.PositiveSmallIntegerField("jusqu'à la campagne", null=True, blank=True)
    value = models.CharField("valeur", max_length=300)
    unit = models.CharField("unité", max_length=40, blank=True)
    label = models.CharField("libellé", max_length=300)
    source = models.CharField("source", max_length=200, blank=True)
    reliability = models.CharField(
        "fiabilité", max_length=12, choices=Reliability, default=Reliability.VERIFIED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "règle de programme"
        verbose_name_plural = "règles de programme"
        ordering = ["programme", "key", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "key", "valid_from"], name="unique_rule_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.key} ({self.valid_from}) = {self.value}"


class Grappe(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        SUBMITTED = "submitted", "Déposée"
        TO_COMPLETE = "to_complete", "À compléter"
        SELECTED = "selected", "Retenue"
        REFUSED = "refused", "Refusée"
        AGREEMENT_SIGNED = "agreement_signed", "Convention signée"
        IN_PROGRESS = "in_progress", "En cours"
        CLOSED = "closed", "Clôturée"

    # Not deposited: its members change their ESSMS, its carrier the région of deposit (a
    # grappe the ARS sent back "à compléter" is completed in place, then deposited again).
    BEING_PREPARED = (Status.DRAFT, Status.TO_COMPLETE)
    # Selected by the ARS or further on: public, with an agreement and a project to follow.
    SELECTED_OR_LATER = (
        Status.SELECTED,
        Status.AGREEMENT_SIGNED,
        Status.IN_PROGRESS,
        Status.CLOSED,
    )

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("nom de la grappe", max_length=200)
    programme = models.CharField(
        "programme", max_length=20, choices=Programme.CHOICES, default=Programme.GENERALISATION
    )
    campaign = models.PositiveSmallIntegerField("campagne")
    carrier = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme porteur",
        on_delete=models.PROTECT,
        related_name="carried_grappes",
    )
    status = models.CharField("état", max_length=20, choices=Status, default=Status.DRAFT)
    description = models.TextField("description", blank=True, max_length=3000)
    # Where the grappe is deposited and instructed: chosen by the carrier, or fixed at the
    # deposit to the région of most of its ESSMS (``selectors.default_deposit_region``).
    deposit_region = models.ForeignKey(
        "territories.Region",
        verbose_name="région de dépôt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField("motif de la décision", blank=True, max_length=3000)
    decided_at = models.DateTimeField("date de la décision", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Decisions of the regional actors of the deposit région on a deposited grappe.
    DECISIONS = (Status.SELECTED, Status.TO_COMPLETE, Status.REFUSED)

    class Meta:
        ordering = ["-campaign", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.campaign})"

    @property
    def shows_decision(self) -> bool:
        """A decision of the deposit région is the grappe's current state (its reason is
        shown to the carrier)."""
        return self.decided_at is not None and self.status in self.DECISIONS


class GrappeMember(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", "Invité"
        ACTIVE = "active", "Membre"
        DECLINED = "declined", "A décliné"
        LEFT = "left", "A quitté la grappe"

    grappe = models.ForeignKey(Grappe, on_delete=models.CASCADE, related_name="members")
    managing_body = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme gestionnaire",
        on_delete=models.PROTECT,
        related_name="grappe_memberships",
    )
    status = models.CharField("état", max_length=10, choices=Status, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "membre de grappe"
        constraints = [
            models.UniqueConstraint(fields=["grappe", "managing_body"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.managing_body} dans {self.grappe}"


class GrappeEstablishment(models.Model):
    """An ESSMS a member brings into the grappe, with its DUI project."""

    grappe = models.ForeignKey(Grappe, on_delete=models.CASCADE, related_name="establishments")
    member = models.ForeignKey(
        GrappeMember, on_delete=models.CASCADE, related_name="establishments"
    )
    establishment = models.ForeignKey(
        "directory.Establishment", on_delete=models.PROTECT, related_name="grappe_entries"
    )
    situation = models.CharField(
        "situation", max_length=12, choices=list(SITUATIONS.items()), blank=True
    )
    solution = models.ForeignKey(
        "directory.Solution",
        verbose_name="solution DUI choisie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    hosting_mode = models.CharField("hébergement", max_length=12, choices=HostingMode, blank=True)

    class Meta:
        verbose_name = "ESSMS de la grappe"
        constraints = [
            models.UniqueConstraint(fields=["grappe", "establishment"], name="one_entry")
        ]

    def __str__(self) -> str:
        return f"{self.establishment} ({self.grappe})"


class FundingSimulation(models.Model):
    """A funding simulation, frozen with the rules and the ESSMS it used."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    grappe = models.ForeignKey(Grappe, on_delete=models.CASCADE, related_name="simulations")
    programme = models.CharField(max_length=20, choices=Programme.CHOICES)
    campaign = models.PositiveSmallIntegerField()
    rules = models.JSONField("règles utilisées")
    essms = models.JSONField("ESSMS simulés")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "simulation de financement"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Simulation du {self.created_at:%d/%m/%Y} — {self.grappe}"


class SharedAssessment(models.Model):
    """A member's maturity assessment shared with the grappe (its answers stay private
    otherwise, see maturity.perms)."""

    grappe = models.ForeignKey(Grappe, on_delete=models.CASCADE, related_name="shared_assessments")
    assessment = models.ForeignKey(
        "maturity.Assessment", on_delete=models.CASCADE, related_name="grappe_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "autodiagnostic partagé"
        constraints = [models.UniqueConstraint(fields=["grappe", "assessment"], name="one_share")]

    def __str__(self) -> str:
        return f"{self.assessment} partagé avec {self.grappe}"


class ContactRequest(models.Model):
    """A managing body asks another, met in the partner ranking, to get in touch; contact
    details are shown only once the other accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        ACCEPTED = "accepted", "Acceptée"
        DECLINED = "declined", "Déclinée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sender = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.CASCADE, related_name="sent_contacts"
    )
    recipient = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.CASCADE, related_name="received_contacts"
    )
    message = models.TextField("message", max_length=1000, blank=True)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "demande de contact"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(status="pending"),
                name="one_pending_contact",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_status_display()})"


class StoredSuggestions(models.Model):
    """The suggested grappes of a région for a programme and campaign, computed in the
    background (``grappes.tasks.compute_suggestions``) and read by the page: the rules
    version they were computed with, their date and the groups as JSON."""

    class Status(models.TextChoices):
        PENDING = "pending", "Calcul demandé"
        RUNNING = "running", "Calcul en cours"
        DONE = "done", "Calculées"
        FAILED = "failed", "Échec du calcul"

    region = models.ForeignKey(
        "territories.Region", verbose_name="région", on_delete=models.CASCADE, related_name="+"
    )
    programme = models.CharField("programme", max_length=20, choices=Programme.CHOICES)
    campaign = models.PositiveSmallIntegerField("campagne")
    rules_version = models.CharField("version des règles", max_length=100, blank=True)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField("demandé le", null=True, blank=True)
    computed_at = models.DateTimeField("calculé le", null=True, blank=True)
    result = models.JSONField("résultat", default=dict, blank=True)

    class Meta:
        verbose_name = "grappes suggérées"
        verbose_name_plural = "grappes suggérées"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "programme", "campaign"], name="one_suggestion_per_region"
            )
        ]

    def __str__(self) -> str:
        return f"Grappes suggérées {self.region_id} {self.programme} {self.campaign}"
