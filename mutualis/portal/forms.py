from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.territories.models import Region


class RegionChoiceForm(DsfrBaseForm):
    """A national administrator's cockpit: the nation, or one région (GET)."""

    region = forms.ModelChoiceField(
        label="Région",
        queryset=Region.objects.order_by("name"),
        empty_label="France entière",
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "Choisissez une région de la liste."},
    )
