"""FINESS nomenclatures: category aggregates, categories, sectors, legal statuses, tariff modes."""

from django.db import models


class Domain(models.TextChoices):
    SANITARY = "SAN", "Sanitaire"
    SOCIAL = "SOC", "Social et médico-social"
    TRAINING = "ENS", "Enseignement"
    ADMINISTRATION = "ADM", "Administration"


class Aggregate(models.Model):
    code = models.CharField("code", max_length=4, primary_key=True)
    level = models.PositiveSmallIntegerField("niveau")
    label = models.CharField("libellé", max_length=120)
    parent = models.ForeignKey(
        "self", verbose_name="agrégat parent", null=True, blank=True, on_delete=models.PROTECT
    )
    closed_on = models.DateField("fermé le", null=True, blank=True)

    class Meta:
        verbose_name = "agrégat de catégories"
        verbose_name_plural = "agrégats de catégories"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}" if self.label else self.code


class Sector(models.Model):
    """A user-facing sector (PA, PH enfants…) grouping level-3 aggregates."""

    code = models.SlugField("code", max_length=30, primary_key=True)
    label = models.CharField("libellé", max_length=80)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "secteur"
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Category(models.Model):
    code = models.CharField("code", max_length=4, primary_key=True)
    label = models.CharField("libellé", max_length=120)
    aggregate = models.ForeignKey(
        Aggregate, verbose_name="agrégat (niveau 3)", on_delete=models.PROTECT
    )
    domain = models.CharField("domaine", max_length=3, choices=Domain)
    sector = models.ForeignKey(
        Sector, verbose_name="secteur", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "catégorie d'établissement"
        verbose_name_plural = "catégories d'établissement"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}" if self.label else self.code


class LegalStatus(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    label = models.CharField("libellé", max_length=120)
    aggregate_level1 = models.CharField("agrégat niveau 1", max_length=4, blank=True)
    aggregate_level2 = models.CharField("agrégat niveau 2", max_length=4, blank=True)

    class Meta:
        verbose_name = "statut juridique"
        verbose_name_plural = "statuts juridiques"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def is_public(self) -> bool:
        return self.aggregate_level1 == "1000"


class TariffMode(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    label = models.CharField("libellé", max_length=160)

    class Meta:
        verbose_name = "mode de fixation des tarifs"
        verbose_name_plural = "modes de fixation des tarifs"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"
