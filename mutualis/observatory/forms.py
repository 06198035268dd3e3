from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.finess.models import Sector
from mutualis.observatory.followup import STATES
from mutualis.observatory.selectors import METRICS
from mutualis.territories.models import Departement


class CampaignSectorFilterForm(DsfrBaseForm):
    """The filters every observatory page shares: the campaign (among those with data) and
    the sector. Both optional: an empty choice means the default campaign, all sectors."""

    campagne = forms.TypedChoiceField(label="Campagne", coerce=int, required=False)
    secteur = forms.ModelChoiceField(
        label="Secteur",
        queryset=Sector.objects.all(),
        empty_label="Tous les secteurs",
        to_field_name="code",
        required=False,
    )

    def __init__(self, *args, campaigns: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campagne"].choices = [(year, str(year)) for year in campaigns]


class DashboardFilterForm(CampaignSectorFilterForm):
    indicateur = forms.ChoiceField(
        label="Indicateur de la carte",
        choices=[(key, label) for key, (label, _) in METRICS.items()],
        required=False,
    )
    region = forms.CharField(widget=forms.HiddenInput, required=False)
    departement = forms.CharField(widget=forms.HiddenInput, required=False)


class FollowUpFilterForm(CampaignSectorFilterForm):
    field_order = ["campagne", "departement", "secteur", "etat"]

    departement = forms.ModelChoiceField(
        label="Département",
        queryset=Departement.objects.none(),
        empty_label="Tous les départements",
        required=False,
    )
    etat = forms.ChoiceField(
        label="Autodiagnostic",
        choices=[("", "Tous"), *STATES.items()],
        required=False,
    )

    def __init__(self, *args, regions: set[str], campaigns: list[int], **kwargs):
        super().__init__(*args, campaigns=campaigns, **kwargs)
        self.fields["departement"].queryset = Departement.objects.filter(region__in=regions)
