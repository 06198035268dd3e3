from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.directory.models import ItProfile, ManagingBody
from mutualis.directory.names import USUAL_NAME_MAX_LENGTH, clean_usual_name

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


class ManagingBodyForm(DsfrBaseForm):
    """What the managing body's administrators declare (a plain form: the service compares
    with the stored body, which a ModelForm would change while validating)."""

    usual_name = forms.CharField(
        label="Nom d'usage de l'organisme",
        required=False,
        max_length=USUAL_NAME_MAX_LENGTH,
        help_text="Le nom sous lequel on vous connaît, par exemple « Fondation Les Tilleuls » ; "
        "il est affiché comme « nom d'usage déclaré par l'organisme ». La raison sociale "
        "reste celle du fichier FINESS.",
    )
    open_to_cooperation = forms.BooleanField(
        label="Ouvert à la coopération",
        required=False,
        help_text="Les autres organismes pourront vous proposer de coopérer.",
    )

    def __init__(self, *args, body: ManagingBody, **kwargs):
        kwargs.setdefault(
            "initial",
            {"usual_name": body.usual_name, "open_to_cooperation": body.open_to_cooperation},
        )
        super().__init__(*args, **kwargs)

    def clean_usual_name(self) -> str:
        try:
            return clean_usual_name(self.cleaned_data.get("usual_name") or "")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
