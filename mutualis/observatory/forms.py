from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.finess.models import Sector
from mutualis.observatory.followup import STATES
from mutualis.observatory.selectors import METRICS
from mutualis.territories.models import Departement


class DashboardFilterForm(DsfrBaseForm):
    campagne = forms.TypedChoiceField(label="Campagne", coerce=int, required=False)
    secteur = forms.ModelChoiceField(
        label="Secteur",
        queryset=Sector.objects.all(),
        empty_label="Tous les secteurs",
        to_field_name="code",
        required=False,
    )
    indicateur = forms.ChoiceField(
        label="Indicateur de la carte",
        choices=[(key, label) for key, (label, _) in METRICS.items()],
        required=False,
    )
    region = forms.CharField(widget=forms.HiddenInput, required=False)
    departement = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, campaigns: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campagne"].choices = [(year, str(year)) for year in campaigns]


class FollowUpFilterForm(DsfrBaseForm):
    campagne = forms.TypedChoiceField(label="Campagne", coerce=int, required=False)
    departement = forms.ModelChoiceField(
        label="Département",
        queryset=Departement.objects.none(),
        empty_label="Tous les départements",
        required=False,
    )
    secteur = forms.ModelChoiceField(
        label="Secteur",
        queryset=Sector.objects.all(),
        empty_label="Tous les secteurs",
        to_field_name="code",
        required=False,
    )
    etat = forms.ChoiceField(
        label="Autodiagnostic",
        choices=[("", "Tous"), *STATES.items()],
        required=False,
    )

    def __init__(self, *args, regions: set[str], campaigns: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campagne"].choices = [(year, str(year)) for year in campaigns]
        self.fields["departement"].queryset = Departement.objects.filter(region__in=regions)
