"""Common specifications and joint purchases (issue 21): a versioned requirements library;
a grappe's specification, rated by each member and arbitrated by the group; evaluation
criteria, vendors' offers and the decision."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Reliability(models.TextChoices):
    VERIFIED = "vérifiée", "Vérifiée"
    INFERRED = "déduite", "Déduite"


class Importance(models.TextChoices):
    """How much a member (or the group, once arbitrated) needs a requirement."""

    INDISPENSABLE = "indispensable", "Indispensable"
    WISHED = "souhaite", "Souhaité"
    USEFUL = "utile", "Utile"
    NOT_APPLICABLE = "sans_objet", "Sans objet"


class RequirementLibrary(models.Model):
    """One version of the requirements library (data/SOURCE.md); never changed once loaded."""

    version = models.CharField("version", max_length=20, unique=True)
    title = models.CharField("titre", max_length=200)
    source = models.TextField("source", max_length=2000)
    is_current = models.BooleanField("version proposée aux nouveaux cahiers des charges")
    loaded_at = models.DateTimeField("chargée le", auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "bibliothèque d'exigences"
        verbose_name_plural = "bibliothèques d'exigences"
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_requirement_library",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Requirement(models.Model):
    library = models.ForeignKey(
        RequirementLibrary, on_delete=models.CASCADE, related_name="requirements"
    )
    domain_code = models.CharField("code du domaine", max_length=30)
    domain_label = models.CharField("domaine", max_length=200)
    code = models.CharField("code", max_length=20)
    label = models.CharField("exigence", max_length=300)
    description = models.TextField("précisions", blank=True, max_length=2000)
    # Codes separated by "+" (data/SOURCE.md): survey needs and maturity indicators that
    # pre-fill the members' ratings.
    si_domains = models.CharField("domaines SI", max_length=200, blank=True)
    indicators = models.CharField("indicateurs de maturité", max_length=200, blank=True)
    source = models.CharField("source", max_length=300)
    reliability = models.CharField("fiabilité", max_length=10, choices=Reliability)
    position = models.PositiveSmallIntegerField("ordre")

    class Meta:
        verbose_name = "exigence de la bibliothèque"
        verbose_name_plural = "exigences de la bibliothèque"
        ordering = ["library", "position"]
        constraints = [
            models.UniqueConstraint(fields=["library", "code"], name="one_requirement_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class SadSector(models.TextChoices):
    """Lots of the CNSA–Resah dynamic purchasing system: sector × hosting mode (domain.md §1.4)."""

    ELDERLY = "grand_age", "Grand âge"
    DISABILITY = "handicap", "Handicap"
    HOME = "domicile", "Domicile"


class SadMode(models.TextChoices):
    SAAS = "saas", "SaaS"
    ON_PREMISE = "on_premise", "Sur site (on-premise)"
    ACQUISITION = "acquisition", "Acquisition avec hébergement externalisé"


class Specification(models.Model):
    """A grappe's common specification, from the members' ratings to the recorded decision."""

    class Status(models.TextChoices):
        RATING = "rating", "Notation des exigences"
        ANALYSIS = "analysis", "Analyse des offres"
        DECIDED = "decided", "Décision prise"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    grappe = models.ForeignKey(
        "grappes.Grappe",
        verbose_name="grappe",
        on_delete=models.CASCADE,
        related_name="specifications",
    )
    library = models.ForeignKey(
        RequirementLibrary,
        verbose_name="bibliothèque d'exigences",
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField("titre", max_length=200)
    purpose = models.TextField("objet de l'achat", blank=True, max_length=3000)
    status = models.CharField("étape", max_length=10, choices=Status, default=Status.RATING)
    contract_years = models.PositiveSmallIntegerField(
        "durée du marché (années)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Le coût comparé est l'investissement plus les coûts annuels sur cette durée.",
    )
    sad_sector = models.CharField(
        "lot du SAD : secteur", max_length=12, choices=SadSector, blank=True
    )
    sad_mode = models.CharField("lot du SAD : mode", max_length=12, choices=SadMode, blank=True)
    ars_prevalidated_on = models.DateField("pré-validation par l'ARS le", null=True, blank=True)
    chosen_offer = models.ForeignKey(
        "Offer",
        verbose_name="offre retenue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField("motifs de la décision", blank=True, max_length=3000)
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.ForeignKey(
        "library.ExperienceReport",
        verbose_name="retour d'expérience publié",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "cahier des charges commun"
        verbose_name_plural = "cahiers des charges communs"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Item(models.Model):
    """A line of the specification: a library requirement, or one a member added."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="items")
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("code", max_length=20)
    domain_label = models.CharField("domaine", max_length=200)
    label = models.CharField("exigence", max_length=300)
    description = models.TextField("précisions", blank=True, max_length=2000)
    proposed_by = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="proposée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField("ordre")
    # The group's arbitration: blank until arbitrated.
    importance = models.CharField(
        "importance retenue", max_length=14, choices=Importance, blank=True
    )
    arbitration_reason = models.TextField("motif de l'arbitrage", blank=True, max_length=2000)
    arbitrated_at = models.DateTimeField("arbitré le", null=True, blank=True)
    arbitrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "exigence du cahier des charges"
        verbose_name_plural = "exigences du cahier des charges"
        ordering = ["specification", "position"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "code"], name="one_item_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Rating(models.Model):
    """A member's importance for one item; pre-filled ratings say where they come from until
    the member confirms or changes them."""

    class Origin(models.TextChoices):
        MEMBER = "member", "Saisie du membre"
        SURVEY = "survey", "Pré-remplie : recensement des besoins"
        MATURITY = "maturity", "Pré-remplie : diagnostic de maturité"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="ratings")
    managing_body = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.CASCADE, related_name="+"
    )
    importance = models.CharField("importance", max_length=14, choices=Importance)
    origin = models.CharField("origine", max_length=10, choices=Origin, default=Origin.MEMBER)
    comment = models.CharField("commentaire", max_length=500, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "notation d'une exigence"
        verbose_name_plural = "notations des exigences"
        constraints = [
            models.UniqueConstraint(fields=["item", "managing_body"], name="one_rating_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.managing_body_id}: {self.importance}"


class Criterion(models.Model):
    """An evaluation criterion and its weight. Coverage and price are computed from the
    offers; the others are marked out of 10 by the group."""

    class Kind(models.TextChoices):
        COVERAGE = "coverage", "Couverture fonctionnelle (calculée)"
        PRICE = "price", "Prix (calculé)"
        MARK = "mark", "Note de 0 à 10 donnée par le groupe"

    specification = models.ForeignKey(
        Specification, on_delete=models.CASCADE, related_name="criteria"
    )
    kind = models.CharField("nature", max_length=10, choices=Kind)
    label = models.CharField("critère", max_length=200)
    weight = models.PositiveSmallIntegerField(
        "poids", validators=[MaxValueValidator(100)], help_text="De 0 à 100."
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère d'évaluation"
        verbose_name_plural = "critères d'évaluation"
        ordering = ["specification", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.weight})"


class Offer(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    specification = models.ForeignKey(
        Specification, on_delete=models.CASCADE, related_name="offers"
    )
    vendor = models.CharField("éditeur", max_length=200)
    solution = models.CharField("solution proposée", max_length=200, blank=True)
    received_on = models.DateField("reçue le", null=True, blank=True)
    notes = models.TextField("observations", blank=True, max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "offre"
        verbose_name_plural = "offres"
        ordering = ["specification", "vendor", "pk"]

    def __str__(self) -> str:
        return f"{self.vendor} — {self.solution}" if self.solution else self.vendor


class Coverage(models.Model):
    class Level(models.TextChoices):
        COVERED = "covered", "Couverte"
        PARTIAL = "partial", "Partiellement couverte"
        NOT_COVERED = "not_covered", "Non couverte"

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="coverages")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="coverages")
    level = models.CharField("couverture", max_length=12, choices=Level)

    class Meta:
        verbose_name = "couverture d'une exigence"
        verbose_name_plural = "couvertures des exigences"
        constraints = [
            models.UniqueConstraint(fields=["offer", "item"], name="one_coverage_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.get_level_display()}"


class PriceLine(models.Model):
    class Kind(models.TextChoices):
        ONE_OFF = "one_off", "Investissement (une fois)"
        YEARLY = "yearly", "Coût annuel"

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="price_lines")
    label = models.CharField("poste", max_length=200)
    kind = models.CharField("nature", max_length=10, choices=Kind)
    # Euros excluding tax; empty = not priced by the vendor (the price is then "non évaluable").
    amount = models.DecimalField(
        "montant HT (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "ligne de prix"
        verbose_name_plural = "lignes de prix"
        ordering = ["offer", "pk"]

    def __str__(self) -> str:
        return self.label


class Mark(models.Model):
    """The group's mark of an offer on a "note" criterion."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="marks")
    value = models.DecimalField(
        "note sur 10",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )

    class Meta:
        verbose_name = "note d'une offre"
        verbose_name_plural = "notes des offres"
        constraints = [
            models.UniqueConstraint(fields=["offer", "criterion"], name="one_mark_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


from mutualis.specifications.document_models import (  # noqa: E402, F401
    SpecificationDocument,
    SpecificationTemplate,
)
