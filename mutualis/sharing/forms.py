"""Forms of shared-resource listings: publish/edit (bound to the publishing body), explore
filters, contact request."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import RadioSelect
from mutualis.directory.models import Establishment
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.grappes.selectors import main_region
from mutualis.sharing.models import DAYS_MAX, DAYS_MIN, Listing, Skill, Vehicle
from mutualis.territories.models import Region

MAX_KM = 2000
ASCII_DIGITS = "Saisissez des chiffres 0 à 9 (par exemple 2 ou 0,5)."
DAYS_ERRORS = {
    "invalid": "Saisissez un nombre de jours, par exemple 2 ou 0,5.",
    "min_value": "Saisissez au moins 0,5 jour par mois.",
    "max_value": "Saisissez 31 jours par mois au plus.",
    "max_digits": "Saisissez 31 jours par mois au plus.",
    "max_whole_digits": "Saisissez 31 jours par mois au plus.",
    "max_decimal_places": "Saisissez au plus une décimale (par demi-journée : 0,5).",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _ascii(field: str, data) -> None:
    value = data.get(field) if data is not None else None
    if isinstance(value, str) and not value.isascii():
        raise ValidationError({field: ASCII_DIGITS})


class ListingForm(DsfrBaseForm):
    direction = forms.ChoiceField(
        label="Vous publiez",
        choices=Listing.Direction.choices,
        widget=RadioSelect,
        error_messages={"required": "Choisissez une offre ou un besoin."},
    )
    skill = forms.ModelChoiceField(
        label="Compétence, équipement ou service",
        queryset=Skill.objects.all(),
        to_field_name="code",
        error_messages={
            "required": "Choisissez une compétence, un équipement ou un service.",
            "invalid_choice": "Choisissez une compétence proposée dans la liste.",
        },
    )
    title = forms.CharField(label="Titre", max_length=200)
    description = forms.CharField(
        label="Description", max_length=2000, required=False, widget=forms.Textarea
    )
    days_per_month = forms.DecimalField(
        label="Temps partagé (jours par mois)",
        required=False,
        min_value=DAYS_MIN,
        max_value=DAYS_MAX,
        max_digits=4,
        decimal_places=1,
        localize=True,
        help_text="De 0,5 à 31 ; vide pour un équipement.",
        error_messages=DAYS_ERRORS,
    )
    starts_on = forms.DateField(
        label="Début", widget=DateInput, error_messages={"invalid": "Saisissez une date valide."}
    )
    ends_on = forms.DateField(
        label="Fin", widget=DateInput, error_messages={"invalid": "Saisissez une date valide."}
    )
    establishment = forms.ModelChoiceField(
        label="Établissement (lieu de référence pour les distances)",
        queryset=Establishment.objects.none(),
        to_field_name="uid",
        required=False,
        error_messages={"invalid_choice": "Choisissez un établissement de votre organisme."},
    )
    max_distance_km = forms.IntegerField(
        label="Distance acceptée (km)",
        required=False,
        min_value=1,
        max_value=MAX_KM,
        help_text="Vide : toute distance.",
        error_messages={
            "invalid": "Saisissez un nombre entier de kilomètres.",
            "min_value": "Saisissez au moins 1 km, ou laissez vide.",
            "max_value": f"Saisissez {MAX_KM} km au plus, ou laissez vide.",
        },
    )
    vehicle = forms.ModelChoiceField(
        label="Cadre juridique proposé",
        queryset=Vehicle.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "Choisissez un cadre juridique proposé."},
    )
    visibility = forms.ChoiceField(
        label="Visible par",
        choices=Listing.Visibility.choices,
        widget=RadioSelect,
        initial=Listing.Visibility.REGION,
    )
    grappe = forms.ModelChoiceField(
        label="Grappe (si visible par une grappe)",
        queryset=Grappe.objects.none(),
        to_field_name="uid",
        required=False,
        error_messages={"invalid_choice": "Choisissez une grappe dont votre organisme est membre."},
    )

    def __init__(self, *args, body, instance: Listing | None = None, **kwargs):
        self.body, self.instance = body, instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "direction": instance.direction,
                "skill": instance.skill.code,
                "title": instance.title,
                "description": instance.description,
                "days_per_month": instance.days_per_month,
                "starts_on": instance.starts_on,
                "ends_on": instance.ends_on,
                "establishment": instance.establishment.uid if instance.establishment else None,
                "max_distance_km": instance.max_distance_km,
                "vehicle": instance.vehicle.code if instance.vehicle else None,
                "visibility": instance.visibility,
                "grappe": instance.grappe.uid if instance.grappe else None,
            }
        super().__init__(*args, **kwargs)
        establishments = body.establishments.filter(is_closed=False).order_by("name")
        self.fields["establishment"].queryset = establishments
        self.fields["establishment"].label_from_instance = lambda e: f"{e.name} ({e.city})"
        self.fields["grappe"].queryset = Grappe.objects.filter(
            members__managing_body=body, members__status=GrappeMember.Status.ACTIVE
        ).distinct()
        vehicle = self.fields["vehicle"]
        vehicle.label_from_instance = lambda v: f"{v.label} — {v.legal_basis}"

    def clean(self):
        _ascii("days_per_month", self.data)
        _ascii("max_distance_km", self.data)
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "La date de fin doit suivre la date de début.")
        if ends and ends < timezone.localdate() and self.instance is None:
            self.add_error("ends_on", "La date de fin est passée : l'annonce serait déjà expirée.")
        skill = data.get("skill")
        if (
            skill
            and skill.kind != Skill.Kind.EQUIPMENT
            and data.get("days_per_month") is None
            and "days_per_month" not in self.errors
        ):
            self.add_error("days_per_month", "Indiquez le temps partagé en jours par mois.")
        wants_grappe = data.get("visibility") == Listing.Visibility.GRAPPE
        if wants_grappe and not data.get("grappe") and "grappe" not in self.errors:
            self.add_error("grappe", "Choisissez la grappe qui verra l'annonce.")
        if data.get("visibility") != Listing.Visibility.GRAPPE:
            data["grappe"] = None
        establishment = data.get("establishment")
        region = establishment.region_id if establishment else self.body_region()
        if region is None:
            raise ValidationError(
                "Votre organisme n'a aucun établissement ouvert : sa région est inconnue."
            )
        data["region"] = Region.objects.get(pk=region)
        return data

    def body_region(self) -> str | None:
        return main_region(self.body)


class ExploreForm(DsfrBaseForm):
    """Filters of the exploration page (GET)."""

    sens = forms.ChoiceField(
        label="Sens",
        required=False,
        choices=[("", "Offres et besoins"), *Listing.Direction.choices],
    )
    competence = forms.ModelChoiceField(
        label="Compétence",
        required=False,
        queryset=Skill.objects.all(),
        to_field_name="code",
        empty_label="Toutes",
    )
    nature = forms.ChoiceField(
        label="Nature", required=False, choices=[("", "Toutes"), *Skill.Kind.choices]
    )
    region = forms.ModelChoiceField(
        label="Région", required=False, queryset=Region.objects.all(), empty_label="Toutes"
    )

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("sens"):
            queryset = queryset.filter(direction=data["sens"])
        if data.get("competence"):
            queryset = queryset.filter(skill=data["competence"])
        if data.get("nature"):
            queryset = queryset.filter(skill__kind=data["nature"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        return queryset


class RequestForm(DsfrBaseForm):
    message = forms.CharField(
        label="Votre message",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="1 000 caractères au plus. Votre nom ne sera communiqué qu'après acceptation.",
    )
    mon_annonce = forms.ModelChoiceField(
        label="Votre annonce correspondante (facultatif)",
        queryset=Listing.objects.none(),
        to_field_name="uid",
        required=False,
        error_messages={"invalid_choice": "Choisissez une de vos annonces de sens opposé."},
    )

    def __init__(self, *args, listing: Listing, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mon_annonce"].queryset = Listing.objects.filter(
            managing_body=body, status=Listing.Status.PUBLISHED
        ).exclude(direction=listing.direction)
