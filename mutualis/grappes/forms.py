from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.directory.choosers import ManagingBodyField
from mutualis.directory.models import HostingMode, ManagingBody, Solution
from mutualis.grappes.eligibility import SITUATIONS
from mutualis.grappes.ranking import PartnerFilters
from mutualis.grappes.rules import Programme

MAX_KM = 2000  # more than the width of metropolitan France
MAX_ESSMS = 10_000


class GrappeForm(DsfrBaseForm):
    name = forms.CharField(label="Nom de la grappe", max_length=200)
    programme = forms.ChoiceField(label="Programme", choices=Programme.CHOICES)
    campaign = forms.IntegerField(label="Campagne (année)", min_value=2021, max_value=2100)


class ProposeForm(forms.Form):
    """The managing bodies of a suggested grappe, every one open."""

    organismes = forms.ModelMultipleChoiceField(
        queryset=ManagingBody.objects.filter(is_closed=False)
    )


class ContactForm(forms.Form):
    """The message of a contact request (the field also refuses NUL characters, which
    PostgreSQL cannot store)."""

    message = forms.CharField(required=False, max_length=1000)


class InviteForm(DsfrBaseForm):
    finess = ManagingBodyField(
        label="Organisme à inviter",
        help_text="Son nom, son n° FINESS juridique (par exemple 010780054) ou sa commune.",
    )


class EntriesForm(forms.Form):
    """One row per open establishment of the member: taken or not, situation, solution,
    hosting. Field names carry the establishment id: ``inclus-12``, ``situation-12``…"""

    def __init__(self, *args, establishments, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        solutions = Solution.objects.select_related("editor").order_by("editor__name", "name")
        for establishment in establishments:
            entry = entries.get(establishment.pk)
            pk = establishment.pk
            self.fields[f"inclus-{pk}"] = forms.BooleanField(
                required=False, initial=entry is not None
            )
            self.fields[f"situation-{pk}"] = forms.ChoiceField(
                choices=[("", "—"), *SITUATIONS.items()],
                required=False,
                initial=entry.situation if entry else "",
            )
            self.fields[f"solution-{pk}"] = forms.ModelChoiceField(
                queryset=solutions,
                required=False,
                empty_label="—",
                initial=entry.solution_id if entry else None,
                widget=forms.Select(attrs={"class": "fr-select"}),
            )
            self.fields[f"hebergement-{pk}"] = forms.ChoiceField(
                choices=HostingMode.choices,
                required=False,
                initial=entry.hosting_mode if entry else "",
            )
            self.rows.append(
                (
                    establishment,
                    self[f"inclus-{pk}"],
                    self[f"situation-{pk}"],
                    self[f"solution-{pk}"],
                    self[f"hebergement-{pk}"],
                )
            )

    def selections(self) -> dict:
        """Establishment id -> (situation, solution, hosting) of the rows taken."""
        data = self.cleaned_data
        return {
            establishment.pk: (
                data[f"situation-{establishment.pk}"],
                data[f"solution-{establishment.pk}"],
                data[f"hebergement-{establishment.pk}"],
            )
            for establishment, *_ in self.rows
            if data[f"inclus-{establishment.pk}"]
        }


class PartnerFilterForm(DsfrBaseForm):
    """Filters of the partner ranking (GET). Every field is optional; ``region`` is a région
    code given in the address (default: the région of the user's managing body)."""

    toutes_regions = forms.BooleanField(label="Toutes les régions", required=False)
    meme_editeur = forms.BooleanField(label="Même éditeur de DUI seulement", required=False)
    distance_max = forms.IntegerField(
        label="Distance maximale (km)",
        help_text="Entre vos établissements et les siens les plus proches ; "
        "les organismes sans établissement géolocalisé sont alors écartés.",
        min_value=1,
        max_value=MAX_KM,
        required=False,
        error_messages={
            "invalid": "Saisissez une distance en kilomètres, un nombre entier (par exemple 50).",
            "min_value": "La distance maximale doit être d'au moins 1 km.",
            "max_value": f"La distance maximale ne peut pas dépasser {MAX_KM} km.",
        },
    )
    essms_min = forms.IntegerField(
        label="Nombre minimal d'ESSMS du partenaire",
        min_value=1,
        max_value=MAX_ESSMS,
        required=False,
        error_messages={
            "invalid": "Saisissez un nombre entier d'ESSMS (par exemple 5).",
            "min_value": "Le nombre minimal d'ESSMS doit être d'au moins 1.",
            "max_value": f"Le nombre minimal d'ESSMS ne peut pas dépasser {MAX_ESSMS}.",
        },
    )
    essms_max = forms.IntegerField(
        label="Nombre maximal d'ESSMS du partenaire",
        min_value=1,
        max_value=MAX_ESSMS,
        required=False,
        error_messages={
            "invalid": "Saisissez un nombre entier d'ESSMS (par exemple 20).",
            "min_value": "Le nombre maximal d'ESSMS doit être d'au moins 1.",
            "max_value": f"Le nombre maximal d'ESSMS ne peut pas dépasser {MAX_ESSMS}.",
        },
    )
    hebergement = forms.ChoiceField(
        label="Mode d'hébergement du partenaire",
        choices=[("", "Tous les modes"), *((v, label) for v, label in HostingMode.choices if v)],
        required=False,
        error_messages={"invalid_choice": "Choisissez un mode d'hébergement de la liste."},
    )
    region = forms.CharField(widget=forms.HiddenInput, required=False)
    grappe = forms.UUIDField(widget=forms.HiddenInput, required=False)  # "Compléter ma grappe"

    def clean(self):
        data = super().clean()
        low, high = data.get("essms_min"), data.get("essms_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "essms_max",
                f"Le nombre maximal d'ESSMS ({high}) doit être supérieur ou égal au "
                f"nombre minimal ({low}).",
            )
        return data

    def filters(self) -> PartnerFilters:
        data = self.cleaned_data
        return PartnerFilters(
            same_editor=data["meme_editeur"],
            max_km=data["distance_max"],
            min_essms=data["essms_min"],
            max_essms=data["essms_max"],
            hosting=data["hebergement"],
        )

    def region_or(self, default: str | None) -> str | None:
        """The région to search in: None for all régions."""
        if self.cleaned_data["toutes_regions"]:
            return None
        return self.cleaned_data["region"] or default
