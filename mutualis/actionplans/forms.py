"""Forms of action plans: dates parsed by Django (never by hand), choices bounded."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.actionplans.models import Action
from mutualis.core.forms import SEARCH_ERRORS, SEARCH_MAX_LENGTH
from mutualis.directory.choosers import ManagingBodyField
from mutualis.territories.models import Region

DATE_ERRORS = {"invalid": "Saisissez une date valable (JJ/MM/AAAA)."}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput, error_messages=DATE_ERRORS, **kwargs)


class OpenPlanForm(DsfrBaseForm):
    """The région of a plan opened from a workshop or a survey (a regional survey fixes it)."""

    region = forms.ModelChoiceField(
        label="Région du plan",
        queryset=Region.objects.order_by("name"),
        empty_label=None,
        error_messages={"invalid_choice": "Choisissez une région de la liste."},
    )
    title = forms.CharField(label="Titre du plan", max_length=300, required=False)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = Region.objects.filter(code__in=regions).order_by(
                "name"
            )


class HorizonForm(DsfrBaseForm):
    horizon_on = date_field("Horizon du plan")


class ActionForm(DsfrBaseForm):
    lever_code = forms.ChoiceField(label="Levier", required=False)
    title = forms.CharField(label="Action", max_length=300)
    description = forms.CharField(
        label="Description",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner_kind = forms.ChoiceField(label="Responsable", choices=Action.OwnerKind.choices)
    owner_body = ManagingBodyField(
        label="Organisme responsable",
        required=False,
        help_text="Si le responsable est un organisme de l'annuaire : son nom, sa commune "
        "ou son n° FINESS juridique.",
    )
    owner_label = forms.CharField(
        label="Précision sur le responsable",
        max_length=200,
        required=False,
        help_text="Nom du responsable s'il n'est pas dans l'annuaire, ou service concerné.",
    )
    starts_on = date_field("Début")
    due_on = date_field("Échéance")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lever_code"].choices = [("", "Sans levier")] + [
            (row["code"], f"{row['code']}. {row['label']}"[:200]) for row in plan.levers
        ]


class UpdateForm(DsfrBaseForm):
    on = date_field("Date du point d'étape")
    text = forms.CharField(
        label="Point d'étape", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label="Nouveau statut",
        required=False,
        choices=[("", "Inchangé"), *Action.Status.choices],
    )
    progress = forms.IntegerField(
        label="Nouvel avancement (%)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="100 % correspond au statut « Fait ».",
    )


class CommentForm(DsfrBaseForm):
    text = forms.CharField(
        label="Votre commentaire", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class LinkSearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher une initiative, un retour d'expérience ou une grappe",
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        error_messages=SEARCH_ERRORS,
    )


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("initiative", "initiative"), ("rex", "retour d'expérience"), ("grappe", "grappe")]
    )
    target = forms.UUIDField()
    linked = forms.TypedChoiceField(
        choices=[("1", "lier"), ("0", "délier")], coerce=lambda value: value == "1"
    )
