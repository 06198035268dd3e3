"""Pooling initiatives, their typology and SI domains (reference data), and moderation."""

import uuid

from django.conf import settings
from django.db import models


class InitiativeType(models.Model):
    code = models.SlugField("code", max_length=40, unique=True)
    label = models.CharField("libellé", max_length=120)
    description = models.TextField("description", blank=True)
    source = models.CharField("source", max_length=300, blank=True)
    reliability = models.CharField("fiabilité", max_length=12, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "type d'initiative"
        verbose_name_plural = "typologie des initiatives"
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class SiDomain(models.Model):
    code = models.SlugField("code", max_length=40, unique=True)
    label = models.CharField("libellé", max_length=120)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "domaine du SI"
        verbose_name_plural = "domaines du SI"
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Initiative(models.Model):
    class Stage(models.TextChoices):
        PLANNED = "planned", "En projet"
        ONGOING = "ongoing", "En cours"
        COMPLETED = "completed", "Réalisée"
        STOPPED = "stopped", "Arrêtée"

    class Moderation(models.TextChoices):
        PROPOSED = "proposed", "À modérer"
        PUBLISHED = "published", "Publiée"
        REJECTED = "rejected", "Refusée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("titre", max_length=200)
    type = models.ForeignKey(
        InitiativeType, verbose_name="type", on_delete=models.PROTECT, related_name="initiatives"
    )
    domains = models.ManyToManyField(SiDomain, verbose_name="domaines du SI", blank=True)
    summary = models.TextField("description", max_length=5000)
    managing_bodies = models.ManyToManyField(
        "directory.ManagingBody",
        verbose_name="organismes membres",
        related_name="initiatives",
        blank=True,
    )
    establishments = models.ManyToManyField(
        "directory.Establishment",
        verbose_name="établissements concernés",
        related_name="initiatives",
        blank=True,
    )
    region = models.ForeignKey(
        "territories.Region",
        verbose_name="région",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage = models.CharField("état", max_length=10, choices=Stage, default=Stage.ONGOING)
    started_on = models.DateField("début", null=True, blank=True)
    ended_on = models.DateField("fin", null=True, blank=True)
    funding = models.TextField("financement", max_length=1000, blank=True)
    outcomes = models.TextField("résultats", max_length=3000, blank=True)
    contact_name = models.CharField("contact", max_length=150, blank=True)
    contact_email = models.EmailField("e-mail de contact", blank=True)
    # Set when the grappe builder publishes one of its grappes here (no foreign key: the
    # grappes app sits below this one and writes to it, never the other way round).
    grappe_uid = models.UUIDField("grappe d'origine", null=True, blank=True, unique=True)
    # Set for a cooperation grouping of FINESS+ (directory.Grouping), synced by
    # services.sync_finess_groupings after each FINESS+ import.
    grouping_uid = models.UUIDField(
        "groupement FINESS d'origine", null=True, blank=True, unique=True
    )
    moderation = models.CharField(
        "modération", max_length=10, choices=Moderation, default=Moderation.PROPOSED
    )
    moderation_note = models.CharField("motif", max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "initiative de mutualisation"
        verbose_name_plural = "initiatives de mutualisation"
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["moderation", "region"])]

    def __str__(self) -> str:
        return self.title
