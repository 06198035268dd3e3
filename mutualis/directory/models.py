"""Managing bodies (OG, FINESS EJ), establishments (ESSMS, FINESS ET) and their IT profile."""

import uuid

from django.conf import settings
from django.db import models

from mutualis.directory.names import USUAL_NAME_MAX_LENGTH, place
from mutualis.finess.models import Category, LegalStatus, TariffMode
from mutualis.territories.models import Commune, Departement, Region


class SizeClass(models.TextChoices):
    """OG size by number of open ESSMS (Nouvelle-Aquitaine 2021 classes, domain.md §1.2 B)."""

    SMALL = "small", "Petit (moins de 15 ESSMS)"
    MEDIUM = "medium", "Moyen (15 à 40 ESSMS)"
    LARGE = "large", "Grand (plus de 40 ESSMS)"


def size_class_for(establishment_count: int) -> SizeClass:
    if establishment_count < 15:
        return SizeClass.SMALL
    return SizeClass.MEDIUM if establishment_count <= 40 else SizeClass.LARGE


class ManagingBody(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    finess = models.CharField("n° FINESS juridique", max_length=9)
    name = models.CharField("raison sociale", max_length=200)
    name_is_placeholder = models.BooleanField("nom provisoire", default=True)
    usual_name = models.CharField(
        "nom d'usage",
        max_length=USUAL_NAME_MAX_LENGTH,
        blank=True,
        help_text="Déclaré par l'organisme ; la raison sociale FINESS reste le nom officiel.",
    )
    # Written with search_name by refresh_names() (import, usual-name edit), never in save().
    display_name = models.CharField("nom affiché", max_length=250, editable=False, default="")
    # Searched with LIKE '%word%': a B-tree index would never be used.
    search_name = models.CharField(max_length=500, editable=False)
    siren = models.CharField("SIREN", max_length=9, blank=True)
    legal_status = models.ForeignKey(
        LegalStatus,
        verbose_name="statut juridique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    street = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("ville", max_length=100, blank=True)
    departement = models.ForeignKey(
        Departement,
        verbose_name="département",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    open_to_cooperation = models.BooleanField("ouvert à la coopération", default=False)
    establishment_count = models.PositiveIntegerField("nombre d'ESSMS ouverts", default=0)
    # Where most of its open establishments are, for the label of a body without a name.
    main_city = models.CharField("commune principale", max_length=100, blank=True, editable=False)
    main_city_count = models.PositiveIntegerField(
        "ESSMS ouverts dans la commune principale", default=0, editable=False
    )
    main_departement = models.ForeignKey(
        Departement,
        verbose_name="département de la commune principale",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        db_index=False,
        related_name="+",
    )
    is_closed = models.BooleanField("fermé", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organisme gestionnaire"
        verbose_name_plural = "organismes gestionnaires"
        ordering = ["display_name", "finess"]
        # Plain B-tree indexes: a ForeignKey to a CharField key would add an unused
        # "_like" index per column, each one slowing the national import.
        indexes = [models.Index(fields=["departement"], name="managingbody_departement")]
        constraints = [
            models.UniqueConstraint(fields=["finess"], name="unique_managingbody_finess")
        ]

    def __str__(self) -> str:
        return self.display_name or self.name

    @property
    def official_name(self) -> str:
        """The legal name from FINESS, or "" while it is unknown."""
        return "" if self.name_is_placeholder else self.name

    @property
    def display_name_with_finess(self) -> str:
        """The display name followed by the FINESS number, which fact labels already hold."""
        if self.official_name or self.usual_name:
            return f"{self.display_name} ({self.finess})"
        return self.display_name

    @property
    def place_label(self) -> str:
        """Where the body is: its seat when known, else the commune of most of its ESSMS."""
        if self.city:
            return f"siège à {place(self.city, self.departement_id or '')}"
        return place(self.main_city, self.main_departement_id or "")

    @property
    def size_class(self) -> SizeClass:
        return size_class_for(self.establishment_count)


class Establishment(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    finess = models.CharField("n° FINESS géographique", max_length=9)
    managing_body = models.ForeignKey(
        ManagingBody,
        verbose_name="organisme gestionnaire",
        on_delete=models.PROTECT,
        related_name="establishments",
    )
    name = models.CharField("raison sociale", max_length=100)
    long_name = models.CharField("raison sociale longue", max_length=200, blank=True)
    search_name = models.CharField(max_length=300, editable=False)
    category = models.ForeignKey(
        Category, verbose_name="catégorie", on_delete=models.PROTECT, db_index=False
    )
    street_number = models.CharField("numéro", max_length=10, blank=True)
    street_type = models.CharField("type de voie", max_length=10, blank=True)
    street_name = models.CharField("voie", max_length=120, blank=True)
    street_complement = models.CharField("complément de voie", max_length=40, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=120, blank=True)
    locality = models.CharField("lieu-dit, boîte postale", max_length=60, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("ville", max_length=100, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    departement = models.ForeignKey(
        Departement, verbose_name="département", on_delete=models.PROTECT, db_index=False
    )
    region = models.ForeignKey(
        Region, verbose_name="région", on_delete=models.PROTECT, db_index=False
    )
    phone = models.CharField("téléphone", max_length=20, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    ape_code = models.CharField("code APE", max_length=6, blank=True)
    tariff_mode = models.ForeignKey(
        TariffMode,
        verbose_name="mode de tarification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    opened_on = models.DateField("date d'ouverture", null=True, blank=True)
    authorized_on = models.DateField("date d'autorisation", null=True, blank=True)
    finess_updated_on = models.DateField("mise à jour FINESS", null=True, blank=True)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    is_closed = models.BooleanField("fermé", default=False)
    closed_on = models.DateField("absent du fichier FINESS depuis", null=True, blank=True)

    class Meta:
        verbose_name = "établissement ou service (ESSMS)"
        verbose_name_plural = "établissements et services (ESSMS)"
        ordering = ["name"]
        # See ManagingBody.Meta: only the filters of the directory get an index.
        indexes = [
            models.Index(fields=["category"], name="establishment_category"),
            models.Index(fields=["commune"], name="establishment_commune"),
            models.Index(fields=["departement"], name="establishment_departement"),
            models.Index(fields=["region"], name="establishment_region"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["finess"], name="unique_establishment_finess")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.finess})"

    @property
    def address_lines(self) -> list[str]:
        street = " ".join(
            p
            for p in (
                self.street_number,
                self.street_complement,
                self.street_type,
                self.street_name,
            )
            if p
        )
        town = f"{self.postal_code} {self.city}".strip()
        return [line for line in (self.address_complement, street, self.locality, town) if line]


class Editor(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("nom", max_length=120, unique=True)
    website = models.URLField("site web", blank=True)

    class Meta:
        verbose_name = "éditeur"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Solution(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    editor = models.ForeignKey(
        Editor, verbose_name="éditeur", on_delete=models.PROTECT, related_name="solutions"
    )
    name = models.CharField("nom de la solution", max_length=120)
    segur_referenced = models.BooleanField("référencée Ségur", default=False)
    segur_couloir = models.CharField(
        "couloir Ségur", max_length=60, blank=True, help_text="Ex. : MS1, MS2, AHI"
    )
    segur_version = models.CharField("version référencée", max_length=60, blank=True)

    class Meta:
        verbose_name = "solution DUI"
        verbose_name_plural = "solutions DUI"
        ordering = ["editor__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["editor", "name"], name="unique_solution_per_editor")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.editor.name})"


class DuiStatus(models.TextChoices):
    NONE = "none", "Pas de DUI"
    PARTIAL = "partial", "DUI partiellement déployé"
    DEPLOYED = "deployed", "DUI déployé"


class HostingMode(models.TextChoices):
    UNKNOWN = "", "Non renseigné"
    SAAS = "saas", "SaaS (logiciel en ligne)"
    EXTERNAL = "external", "Hébergement externe (HDS)"
    ON_PREMISE = "on_premise", "Sur site (serveur local)"


class ItProfile(models.Model):
    """What an establishment declares about its information system."""

    establishment = models.OneToOneField(
        Establishment, on_delete=models.CASCADE, related_name="it_profile"
    )
    dui_status = models.CharField(
        "dossier usager informatisé", max_length=10, choices=DuiStatus, default=DuiStatus.NONE
    )
    solution = models.ForeignKey(
        Solution, verbose_name="solution DUI", null=True, blank=True, on_delete=models.SET_NULL
    )
    hosting_mode = models.CharField(
        "mode d'hébergement",
        max_length=12,
        choices=HostingMode,
        blank=True,
        default=HostingMode.UNKNOWN,
    )
    workstation_count = models.PositiveIntegerField("postes de travail", null=True, blank=True)
    mobile_device_count = models.PositiveIntegerField(
        "terminaux mobiles (tablettes, smartphones)", null=True, blank=True
    )
    has_broadband = models.BooleanField("accès internet haut débit", null=True, blank=True)
    has_wifi = models.BooleanField("wifi dans les locaux", null=True, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "profil SI"
        verbose_name_plural = "profils SI"

    def __str__(self) -> str:
        return f"Profil SI de {self.establishment}"
