from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.directory.models import ItProfile, ManagingBody

YES_NO = [(None, "Non renseigné"), (True, "Oui"), (False, "Non")]


class ItProfileForm(forms.ModelForm, DsfrBaseForm):
    has_broadband = forms.NullBooleanField(
        label="Accès internet haut débit",
        required=False,
        widget=forms.Select(choices=YES_NO),
    )
    has_wifi = forms.NullBooleanField(
        label="Wifi dans les locaux", required=False, widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = ItProfile
        fields = [
            "dui_status",
            "solution",
            "hosting_mode",
            "workstation_count",
            "mobile_device_count",
            "has_broadband",
            "has_wifi",
        ]
        help_texts = {
            "solution": "La liste des solutions est tenue par l'administration nationale.",
        }

    def clean(self):
        data = super().clean()
        if data.get("dui_status") != "none" and not data.get("solution"):
            self.add_error("solution", "Indiquez la solution DUI utilisée.")
        return data


class ManagingBodyForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = ManagingBody
        fields = ["name", "open_to_cooperation"]
        help_texts = {
            "open_to_cooperation": "Les autres organismes pourront vous proposer de coopérer.",
        }
