"""Managing bodies (OG, FINESS EJ), establishments (ESSMS, FINESS ET) and their IT profile."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from mutualis.directory import it_profile_rules as rules
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


class SegurStatus(models.TextChoices):
    """Ségur referencing of a solution, as last checked; "non vérifiée" reads "non évaluable"
    wherever the platform uses the referencing (never "référencée" nor "non référencée")."""

    REFERENCED = "referenced", "Référencée Ségur"
    NOT_REFERENCED = "not_referenced", "Non référencée Ségur"
    UNVERIFIED = "unverified", "Non vérifiée"


class Solution(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    editor = models.ForeignKey(
        Editor, verbose_name="éditeur", on_delete=models.PROTECT, related_name="solutions"
    )
    name = models.CharField("nom de la solution", max_length=120)
    segur_status = models.CharField(
        "référencement Ségur",
        max_length=16,
        choices=SegurStatus,
        default=SegurStatus.UNVERIFIED,
        help_text="« Non vérifiée » tant que la liste officielle n'a pas été consultée.",
    )
    segur_couloir = models.CharField(
        "couloir Ségur", max_length=60, blank=True, help_text="Ex. : MS1, MS2, AHI"
    )
    segur_version = models.CharField("version référencée", max_length=60, blank=True)
    segur_checked_on = models.DateField("référencement vérifié le", null=True, blank=True)
    segur_source = models.CharField(
        "source du référencement",
        max_length=300,
        blank=True,
        help_text="Adresse ou référence de la liste consultée (ANS).",
    )

    class Meta:
        verbose_name = "solution DUI"
        verbose_name_plural = "solutions DUI"
        ordering = ["editor__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["editor", "name"], name="unique_solution_per_editor"),
            models.CheckConstraint(
                condition=Q(segur_status=SegurStatus.UNVERIFIED)
                | (Q(segur_checked_on__isnull=False) & ~Q(segur_source="")),
                name="segur_status_checked_with_source",
                violation_error_message=(
                    "Un référencement Ségur vérifié (référencée ou non) demande la date de "
                    "vérification et la source."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.editor.name})"

    @property
    def segur_referenced(self) -> bool | None:
        """True or False once checked; None when not verified (non évaluable)."""
        return segur_flag(self.segur_status)


def segur_flag(status: str | None) -> bool | None:
    """A Ségur status as the pure modules take it: None when unknown (non évaluable)."""
    return {SegurStatus.REFERENCED: True, SegurStatus.NOT_REFERENCED: False}.get(status)


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
    other_solution_name = models.CharField(
        "autre solution (nom)", max_length=120, blank=True, help_text="Solution hors de la liste."
    )
    other_editor_name = models.CharField("autre solution (éditeur)", max_length=120, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "profil SI"
        verbose_name_plural = "profils SI"
        # The rules of ``it_profile_rules`` the database can hold (see its docstring).
        constraints = [
            models.CheckConstraint(
                condition=~Q(dui_status=DuiStatus.NONE)
                | (Q(solution__isnull=True) & Q(other_solution_name="") & Q(other_editor_name="")),
                name="it_profile_no_dui_no_solution",
                violation_error_message=rules.NO_DUI_SOLUTION,
            ),
            models.CheckConstraint(
                condition=Q(solution__isnull=True)
                | (Q(other_solution_name="") & Q(other_editor_name="")),
                name="it_profile_listed_or_other_solution",
                violation_error_message=rules.LISTED_AND_OTHER,
            ),
            models.CheckConstraint(
                condition=(Q(other_solution_name="") & Q(other_editor_name=""))
                | (~Q(other_solution_name="") & ~Q(other_editor_name="")),
                name="it_profile_other_solution_with_editor",
                violation_error_message=rules.OTHER_EDITOR_NAME_MISSING,
            ),
            models.CheckConstraint(
                condition=Q(workstation_count__isnull=True)
                | Q(workstation_count__lte=rules.MAX_DEVICES),
                name="it_profile_workstation_count_bounded",
                violation_error_message=rules.COUNT_TOO_LARGE,
            ),
            models.CheckConstraint(
                condition=Q(mobile_device_count__isnull=True)
                | Q(mobile_device_count__lte=rules.MAX_DEVICES),
                name="it_profile_mobile_device_count_bounded",
                violation_error_message=rules.COUNT_TOO_LARGE,
            ),
        ]

    def __str__(self) -> str:
        return f"Profil SI de {self.establishment}"

    @property
    def has_other_solution(self) -> bool:
        return bool(self.other_solution_name or self.other_editor_name)

    def rule_values(self) -> rules.ItProfileValues:
        return rules.ItProfileValues(
            dui_status=self.dui_status,
            listed_solution=self.solution_id is not None,
            other_solution=self.has_other_solution,
            other_solution_name=self.other_solution_name,
            other_editor_name=self.other_editor_name,
            workstation_count=self.workstation_count,
            mobile_device_count=self.mobile_device_count,
        )

    @property
    def notices(self) -> list[rules.RuleError]:
        return rules.it_profile_notices(self.rule_values())


class Grouping(models.Model):
    """A cooperation grouping published by FINESS+ (``gco``: GCSMS, GCS, GIE… with a legal
    personality; ``gcc``: contractual). Replaced by each import of a FINESS+ file."""

    class Source(models.TextChoices):
        ORGANIC = "gco", "Groupement doté de la personnalité morale"
        CONTRACTUAL = "gcc", "Groupement contractuel"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField("nature", max_length=3, choices=Source)
    source_id = models.CharField("identifiant FINESS+", max_length=40)
    finess = models.CharField("n° FINESS", max_length=9, blank=True)
    name = models.CharField("nom", max_length=200)
    kind_code = models.CharField("type (code FINESS+)", max_length=10, blank=True)
    legal_status = models.ForeignKey(
        LegalStatus,
        verbose_name="statut juridique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "groupement de coopération"
        verbose_name_plural = "groupements de coopération"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="unique_grouping_source")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        """The legal status when known ("Groupement de coopération sociale ou médico-sociale
        (GCSMS) privé"), else the nature; FINESS+ type codes have no published labels here."""
        return self.legal_status.label if self.legal_status else self.get_source_display()


class GroupingMember(models.Model):
    """A member of a grouping, named by its FINESS number: kept even when the directory does
    not know it (a sanitary member, a legal person without ESSMS)."""

    class Kind(models.TextChoices):
        MANAGING_BODY = "pmej", "Entité juridique"
        ESTABLISHMENT = "ege", "Établissement"

    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="members")
    finess = models.CharField("n° FINESS", max_length=9)
    kind = models.CharField("nature", max_length=4, choices=Kind)
    role_code = models.CharField("rôle (code FINESS+)", max_length=10, blank=True)

    class Meta:
        verbose_name = "membre d'un groupement"
        verbose_name_plural = "membres des groupements"
        indexes = [models.Index(fields=["finess"], name="groupingmember_finess")]
        constraints = [
            models.UniqueConstraint(
                fields=["grouping", "kind", "finess"], name="unique_grouping_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.finess} ({self.get_kind_display()})"


class FinessRefresh(models.Model):
    """One attempt of the daily FINESS+ refresh (command ``refresh_finess``)."""

    class Status(models.TextChoices):
        RUNNING = "running", "En cours"
        APPLIED = "applied", "Appliqué"
        NOT_MODIFIED = "not_modified", "Rien de nouveau"
        UNCHANGED = "unchanged", "Identique au dernier fichier appliqué"
        HELD = "held", "Retenu (simulation seulement)"
        FAILED = "failed", "Échec"

    SUCCESSFUL = (Status.APPLIED, Status.NOT_MODIFIED, Status.UNCHANGED)

    url = models.CharField("adresse", max_length=500)
    status = models.CharField("état", max_length=12, choices=Status, default=Status.RUNNING)
    message = models.TextField("message", blank=True)
    etag = models.CharField("ETag", max_length=200, blank=True)
    last_modified = models.CharField("Last-Modified", max_length=100, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    size = models.PositiveBigIntegerField("taille (octets)", null=True, blank=True)
    import_run = models.ForeignKey(
        "core.ImportRun",
        verbose_name="import",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField("début", auto_now_add=True)
    finished_at = models.DateTimeField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "rafraîchissement FINESS+"
        verbose_name_plural = "rafraîchissements FINESS+"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.started_at:%d/%m/%Y %H:%M})"
