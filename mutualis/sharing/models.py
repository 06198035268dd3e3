"""Shared resources between managing bodies: legal vehicles and skills (reference data), offers
and needs (listings), and contact requests about a listing (issue 20)."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

DAYS_MIN = Decimal("0.5")
DAYS_MAX = Decimal("31")


class Vehicle(models.Model):
    """A legal vehicle for sharing a resource (reference data, data/vehicles.csv)."""

    code = models.CharField("code", max_length=30, unique=True)
    label = models.CharField("libellé", max_length=200)
    legal_basis = models.CharField("base légale", max_length=300)
    source_url = models.URLField("source", max_length=300, blank=True)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "cadre juridique"
        verbose_name_plural = "cadres juridiques"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


class Skill(models.Model):
    """A role, piece of equipment or service that can be shared (data/skills.csv)."""

    class Kind(models.TextChoices):
        ROLE = "role", "Rôle ou compétence"
        EQUIPMENT = "equipment", "Équipement ou infrastructure"
        SERVICE = "service", "Service"

    code = models.CharField("code", max_length=30, unique=True)
    label = models.CharField("libellé", max_length=200)
    kind = models.CharField("nature", max_length=12, choices=Kind, default=Kind.ROLE)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "compétence ou ressource"
        verbose_name_plural = "compétences et ressources"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


class Listing(models.Model):
    """An offer or a need of a managing body, visible to a région, a grappe or everyone."""

    class Direction(models.TextChoices):
        OFFER = "offer", "Offre"
        NEED = "need", "Besoin"

    class Visibility(models.TextChoices):
        REGION = "region", "Ma région"
        GRAPPE = "grappe", "Une grappe"
        EVERYONE = "everyone", "Tous"

    class Status(models.TextChoices):
        PUBLISHED = "published", "Publiée"
        WITHDRAWN = "withdrawn", "Retirée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    direction = models.CharField("sens", max_length=10, choices=Direction)
    managing_body = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme gestionnaire",
        on_delete=models.CASCADE,
        related_name="sharing_listings",
    )
    establishment = models.ForeignKey(
        "directory.Establishment",
        verbose_name="établissement (lieu)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    skill = models.ForeignKey(
        Skill, verbose_name="compétence ou ressource", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("titre", max_length=200)
    description = models.TextField("description", max_length=2000, blank=True)
    days_per_month = models.DecimalField(
        "jours par mois",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(DAYS_MIN), MaxValueValidator(DAYS_MAX)],
    )
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    max_distance_km = models.PositiveIntegerField(
        "distance acceptée (km)", null=True, blank=True, help_text="Vide : toute distance."
    )
    vehicle = models.ForeignKey(
        Vehicle,
        verbose_name="cadre juridique proposé",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    visibility = models.CharField(
        "visibilité", max_length=10, choices=Visibility, default=Visibility.REGION
    )
    region = models.ForeignKey(
        "territories.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        related_name="+",
    )
    grappe = models.ForeignKey(
        "grappes.Grappe",
        verbose_name="grappe",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField("état", max_length=10, choices=Status, default=Status.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "offre ou besoin"
        verbose_name_plural = "offres et besoins"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "ends_on"], name="listing_status_end"),
            models.Index(fields=["region", "status"], name="listing_region_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="listing_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} : {self.title}"

    @property
    def is_expired(self) -> bool:
        return self.ends_on < timezone.localdate()

    @property
    def is_offer(self) -> bool:
        return self.direction == self.Direction.OFFER

    def is_active_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.PUBLISHED and self.ends_on >= day


class SharingRequest(models.Model):
    """A managing body asks the owner of a listing to get in touch; names and contacts of the
    other side are shown only once the owner accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        ACCEPTED = "accepted", "Acceptée"
        DECLINED = "declined", "Déclinée"
        WITHDRAWN = "withdrawn", "Retirée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    listing = models.ForeignKey(
        Listing, verbose_name="offre ou besoin", on_delete=models.CASCADE, related_name="requests"
    )
    requester = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme demandeur",
        on_delete=models.CASCADE,
        related_name="sharing_requests",
    )
    requester_listing = models.ForeignKey(
        Listing,
        verbose_name="offre ou besoin du demandeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField("message", max_length=1000, blank=True)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "demande de mise en relation"
        verbose_name_plural = "demandes de mise en relation"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "requester"],
                condition=models.Q(status="pending"),
                name="one_pending_sharing_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.listing} ({self.get_status_display()})"

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED
