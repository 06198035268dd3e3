"""Forms of the convention de mise à disposition: its terms, a signature, a month of days
used. Parsing only: the rules live in loan_rules and are checked by the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mutualis.sharing import loan_rules
from mutualis.sharing.loan_services import LoanTerms
from mutualis.sharing.models import Vehicle

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DECIMAL_ERRORS = {
    "invalid": "Saisissez un nombre, par exemple 2 ou 2,5.",
    "max_digits": "Ce nombre est trop grand.",
    "max_decimal_places": "Une décimale au plus.",
    "max_whole_digits": "Ce nombre est trop grand.",
}


ASCII_DIGITS = "Saisissez des chiffres 0 à 9 (par exemple 2 ou 2,5)."


class _AsciiDigits:
    """Refuse non-ASCII digits ('²', '٣'), which Python's Decimal and int would read."""

    def to_python(self, value):
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(ASCII_DIGITS, code="invalid")
        return super().to_python(value)


class DecimalField(_AsciiDigits, forms.DecimalField):
    pass


class IntegerField(_AsciiDigits, forms.IntegerField):
    pass


class VehicleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Vehicle) -> str:
        return f"{obj.label} — {obj.legal_basis}"


class LoanForm(DsfrBaseForm):
    resource = forms.CharField(
        label="Ressource mise à disposition",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Les missions confiées ou l'équipement prêté.",
        error_messages={"required": "Décrivez la ressource mise à disposition."},
    )
    person_label = forms.CharField(
        label="Personne mise à disposition (facultatif)",
        max_length=100,
        required=False,
        help_text="Une fonction ou un prénom seulement (données personnelles minimales).",
    )
    days_per_month = DecimalField(
        label="Jours par mois",
        min_value=Decimal("0.5"),
        max_value=31,
        max_digits=3,
        decimal_places=1,
        required=False,
        localize=True,
        help_text="De 0,5 à 31 ; vide pour un équipement.",
        error_messages={
            **DECIMAL_ERRORS,
            "min_value": "Au moins 0,5 jour par mois.",
            "max_value": "Au plus 31 jours par mois.",
        },
    )
    daily_cost = DecimalField(
        label="Coût par jour refacturé (€)",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text="0 pour une mise à disposition gratuite.",
        error_messages={
            **DECIMAL_ERRORS,
            "max_decimal_places": "Deux décimales au plus.",
            "min_value": "Le coût par jour ne peut pas être négatif.",
            "required": "Indiquez le coût par jour (0 si gratuit).",
        },
    )
    cost_method = forms.ChoiceField(
        label="Mode de calcul du coût",
        choices=loan_rules.COST_METHODS,
        error_messages={"invalid_choice": "Choisissez un mode de calcul du coût de la liste."},
    )
    starts_on = forms.DateField(
        label="Début",
        widget=DATE,
        error_messages={"invalid": "Saisissez une date, par exemple 01/01/2026."},
    )
    ends_on = forms.DateField(
        label="Fin",
        widget=DATE,
        error_messages={"invalid": "Saisissez une date, par exemple 31/12/2026."},
    )
    notice_days = IntegerField(
        label="Préavis de résiliation (jours)",
        min_value=0,
        max_value=365,
        initial=30,
        error_messages={
            "invalid": "Saisissez un nombre entier de jours.",
            "max_value": "Un an (365 jours) au plus.",
            "min_value": "Le préavis ne peut pas être négatif.",
        },
    )
    vehicle = VehicleChoiceField(
        label="Cadre juridique",
        queryset=Vehicle.objects.all(),
        empty_label=None,
        error_messages={"invalid_choice": "Choisissez un cadre juridique de la liste."},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "La fin de la mise à disposition précède son début.")
        return data

    def terms(self) -> LoanTerms:
        data = self.cleaned_data
        return LoanTerms(
            resource=data["resource"],
            person_label=data["person_label"],
            days_per_month=data["days_per_month"],
            daily_cost=data["daily_cost"],
            cost_method=data["cost_method"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            notice_days=data["notice_days"],
            vehicle=data["vehicle"],
        )


class LoanSignatureForm(DsfrBaseForm):
    signer_name = forms.CharField(
        label="Nom du signataire",
        max_length=150,
        error_messages={"required": "Indiquez le nom du signataire."},
    )
    capacity = forms.CharField(
        label="Qualité du signataire",
        max_length=150,
        help_text="Par exemple : directrice générale, président.",
        error_messages={"required": "Indiquez la qualité du signataire."},
    )
    organisation = forms.TypedChoiceField(
        label="Organisme signataire",
        coerce=int,
        choices=(),
        error_messages={"invalid_choice": "Choisissez un organisme dont vous êtes administrateur."},
    )

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(body.pk, body.display_name) for body in bodies]


class DaysUsedForm(DsfrBaseForm):
    month = forms.DateField(
        label="Mois",
        input_formats=["%Y-%m", "%m/%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text="Au format AAAA-MM, par exemple 2026-03.",
        error_messages={
            "invalid": "Saisissez un mois, par exemple 2026-03.",
            "required": "Indiquez le mois.",
        },
    )
    days = DecimalField(
        label="Jours réalisés",
        min_value=0,
        max_value=31,
        max_digits=3,
        decimal_places=1,
        localize=True,
        error_messages={
            **DECIMAL_ERRORS,
            "min_value": "Le nombre de jours ne peut pas être négatif.",
            "max_value": "Un mois compte au plus 31 jours.",
            "required": "Indiquez le nombre de jours réalisés.",
        },
    )
    note = forms.CharField(label="Note (facultatif)", max_length=300, required=False)

    def clean_month(self) -> datetime.date:
        return self.cleaned_data["month"].replace(day=1)
