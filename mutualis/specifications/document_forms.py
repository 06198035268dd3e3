"""The SAD lot and the ARS pre-validation date, edited by the leads on the documents page."""

from __future__ import annotations

import datetime

from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import RadioSelect
from mutualis.specifications.models import SadMode, SadSector


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LotForm(DsfrBaseForm):
    sad_sector = forms.ChoiceField(
        label="Secteur du lot",
        choices=[("", "Pas encore choisi"), *SadSector.choices],
        required=False,
        widget=RadioSelect,
    )
    sad_mode = forms.ChoiceField(
        label="Mode du lot",
        choices=[("", "Pas encore choisi"), *SadMode.choices],
        required=False,
        widget=RadioSelect,
    )
    ars_prevalidated_on = forms.DateField(
        label="Date de la pré-validation par l'ARS",
        required=False,
        widget=DateInput,
        help_text="Laissez vide tant que l'ARS n'a pas pré-validé le projet.",
        error_messages={"invalid": "Saisissez une date valable (JJ/MM/AAAA)."},
    )

    def clean_ars_prevalidated_on(self):
        day = self.cleaned_data["ars_prevalidated_on"]
        if day and not datetime.date(2015, 1, 1) <= day <= datetime.date.today():
            raise forms.ValidationError("La date doit être passée et postérieure à 2015.")
        return day
