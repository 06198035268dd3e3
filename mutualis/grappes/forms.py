from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import RadioSelect
from mutualis.directory.choosers import ManagingBodyField
from mutualis.directory.models import HostingMode, ManagingBody, Solution
from mutualis.finess.numbers import is_valid_format
from mutualis.grappes import entries
from mutualis.grappes.eligibility import SITUATIONS
from mutualis.grappes.ranking import PartnerFilters
from mutualis.grappes.rules import Programme, programme_label

MAX_KM = 2000  # more than the width of metropolitan France
MAX_ESSMS = 10_000
MAX_FINESS_LIST = 30_000  # about 3 000 numbers


class GrappeForm(DsfrBaseForm):
    """``campaigns``: programme -> the campaign years whose rules are loaded
    (``selectors.campaigns_with_rules``); ``year``: this year, offered to a cooperation
    without programme, which needs no rule."""

    name = forms.CharField(label="Nom de la grappe", max_length=200)
    programme = forms.ChoiceField(label="Programme", choices=Programme.CHOICES)
    campaign = forms.TypedChoiceField(
        label="Campagne (année)",
        coerce=int,
        help_text="Les années dont les règles sont chargées ; une coopération sans programme "
        "peut choisir l'année en cours.",
        error_messages={"invalid_choice": "Choisissez une campagne de la liste."},
    )

    def __init__(self, *args, campaigns: dict[str, list[int]], year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaigns = campaigns
        self.year = year
        with_rules = {campaign for years in campaigns.values() for campaign in years}
        self.fields["campaign"].choices = [
            (
                campaign,
                str(campaign)
                if campaign in with_rules
                else f"{campaign} (coopération sans programme seulement : règles non chargées)",
            )
            for campaign in sorted(with_rules | {year}, reverse=True)
        ]

    def clean(self):
        data = super().clean()
        programme, campaign = data.get("programme"), data.get("campaign")
        if programme is None or campaign is None or programme == Programme.COOPERATION:
            return data
        years = self.campaigns.get(programme, [])
        if campaign not in years:
            offered = ", ".join(str(y) for y in years) or "aucune pour l'instant"
            self.add_error(
                "campaign",
                f"Règles de la campagne {campaign} non chargées pour le programme "
                f"« {programme_label(programme)} » (campagnes possibles : {offered}). "
                "Choisissez une autre campagne, ou une coopération sans programme.",
            )
        return data


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


class FinessNumbersField(forms.MultipleChoiceField):
    """The FINESS ET numbers of the rows checked on a page (checked against the member's
    ESSMS by the view, not against a list of choices)."""

    def valid_value(self, value) -> bool:
        return is_valid_format(value)


class EntryChangeForm(DsfrBaseForm):
    """One change on many of a member's ESSMS: which ones (the checked rows of the page,
    every ESSMS matching the filters, or a pasted list of FINESS numbers) and what to do."""

    portee = forms.ChoiceField(
        label="ESSMS concernés",
        choices=[
            (entries.PAGE, "Les ESSMS cochés de cette page"),
            (entries.MATCHING, "Tous les ESSMS correspondant aux filtres"),
            (entries.LISTED, "Les n° FINESS de la liste ci-dessous"),
        ],
        initial=entries.PAGE,
        widget=RadioSelect,
    )
    action = forms.ChoiceField(
        label="Action", choices=list(entries.ACTIONS.items()), initial=entries.INCLUDE
    )
    situation = forms.ChoiceField(
        label="Situation", choices=[("", "—"), *SITUATIONS.items()], required=False
    )
    solution = forms.ModelChoiceField(
        label="Solution DUI",
        queryset=Solution.objects.select_related("editor").order_by("editor__name", "name"),
        required=False,
        empty_label="—",
    )
    hebergement = forms.ChoiceField(
        label="Hébergement", choices=HostingMode.choices, required=False
    )
    finess = forms.CharField(
        label="Liste de n° FINESS ET",
        help_text="Séparés par des espaces, des virgules ou des retours à la ligne.",
        required=False,
        max_length=MAX_FINESS_LIST,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    essms = FinessNumbersField(required=False, widget=forms.MultipleHiddenInput)
    confirme = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        scope = data.get("portee")
        if scope == entries.PAGE and not data.get("essms"):
            raise ValidationError("Cochez au moins un ESSMS de la page.")
        if scope == entries.LISTED and not entries.parse_finess_list(data.get("finess", "")):
            self.add_error("finess", "Collez au moins un n° FINESS ET.")
        return data

    def change(self) -> entries.Change:
        data = self.cleaned_data
        return entries.Change(
            data["action"],
            situation=data["situation"],
            solution_id=data["solution"].pk if data["solution"] else None,
            hosting=data["hebergement"],
        )


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
