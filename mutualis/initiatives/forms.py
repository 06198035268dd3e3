import re

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mutualis.core.forms import SEARCH_ERRORS, SEARCH_MAX_LENGTH
from mutualis.core.widgets import CheckboxSelectMultiple
from mutualis.directory.choosers import ManagingBodiesField
from mutualis.directory.models import Establishment
from mutualis.initiatives.models import Initiative, InitiativeType, SiDomain
from mutualis.territories.models import Region

FINESS = re.compile(r"^\d[0-9AB]\d{7}$")


def finess_lines(text: str, model, label: str) -> list:
    """One FINESS number per line (or separated by commas); every unknown or malformed
    number reported with its line."""
    wanted, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        for item in filter(None, (part.strip() for part in line.split(","))):
            if not FINESS.match(item):
                errors.append(f"Ligne {number} : « {item} » n'est pas un numéro FINESS.")
            else:
                wanted.append((number, item))
    found = {obj.finess: obj for obj in model.objects.filter(finess__in=[f for _, f in wanted])}
    errors += [
        f"Ligne {number} : aucun {label} avec le numéro {item}."
        for number, item in wanted
        if item not in found
    ]
    if errors:
        raise ValidationError(errors)
    return list({item: found[item] for _, item in wanted}.values())


class InitiativeForm(forms.ModelForm, DsfrBaseForm):
    member_finess = ManagingBodiesField(
        label="Organismes membres",
        required=False,
        help_text="Un organisme par ligne : son n° FINESS juridique (par exemple 010000024), "
        "ou son nom ou sa commune s'ils le désignent seul.",
    )
    establishment_finess = forms.CharField(
        label="Établissements concernés (FINESS géographiques, facultatif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Un numéro FINESS géographique par ligne ; ils situent l'initiative sur la "
        "carte plus précisément que leurs organismes.",
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "type",
            "domains",
            "summary",
            "region",
            "stage",
            "started_on",
            "ended_on",
            "funding",
            "outcomes",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "domains": CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 6}),
            "funding": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "contact_email": "Visible des seuls utilisateurs connectés.",
            "region": "La région dont les acteurs modèrent l'initiative.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].required = True
        if self.instance.pk:
            self.initial["member_finess"] = ManagingBodiesField.lines(
                self.instance.managing_bodies.order_by("finess")
            )
            self.initial["establishment_finess"] = "\n".join(
                self.instance.establishments.values_list("finess", flat=True)
            )

    def clean_establishment_finess(self):
        return finess_lines(
            self.cleaned_data["establishment_finess"], Establishment, "établissement"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", "La fin ne peut pas précéder le début.")
        return data

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        data["managing_bodies"] = self.cleaned_data["member_finess"]
        data["establishments"] = self.cleaned_data["establishment_finess"]
        return data


class FilterForm(DsfrBaseForm):
    q = forms.CharField(
        label="Mots du titre ou de la description",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages=SEARCH_ERRORS,
    )
    type = forms.ModelChoiceField(
        label="Type", queryset=InitiativeType.objects.all(), required=False, empty_label="Tous"
    )
    domain = forms.ModelChoiceField(
        label="Domaine du SI", queryset=SiDomain.objects.all(), required=False, empty_label="Tous"
    )
    region = forms.ModelChoiceField(
        label="Région", queryset=Region.objects.all(), required=False, empty_label="Toutes"
    )
    stage = forms.ChoiceField(
        label="État", choices=[("", "Tous"), *Initiative.Stage.choices], required=False
    )
