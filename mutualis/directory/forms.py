from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.directory import mapgrid
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


class MapViewForm(forms.Form):
    """The part of the map a client asks for: zoom level and visible bounding box."""

    zoom = forms.IntegerField(
        min_value=mapgrid.MIN_ZOOM, max_value=mapgrid.MAX_ZOOM, required=False
    )
    bbox = forms.CharField(max_length=200, required=False)

    def clean_bbox(self) -> mapgrid.BBox | None:
        text = self.cleaned_data["bbox"]
        if not text:
            return None
        try:
            return mapgrid.parse_bbox(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def view(self) -> mapgrid.MapView:
        zoom = self.cleaned_data["zoom"]
        return mapgrid.MapView(
            zoom=mapgrid.DEFAULT_ZOOM if zoom is None else zoom, bbox=self.cleaned_data["bbox"]
        )
