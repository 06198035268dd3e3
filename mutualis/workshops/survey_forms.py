"""Forms of the needs surveys: the campaign, the respondent, the answer."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.core import widgets as dsfr_widgets
from mutualis.territories.models import Region
from mutualis.workshops.models import Lever, NeedsSurvey, Priority
from mutualis.workshops.survey_rules import once_only_errors

ONCE_ONLY_CHOICES = [(level, label) for level, label in Priority.choices if level]


class LeverChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.label}"


class SurveyForm(DsfrBaseForm):
    title = forms.CharField(label="Titre du recensement", max_length=200)
    introduction = forms.CharField(
        label="Présentation",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scope = forms.ChoiceField(
        label="Périmètre", choices=NeedsSurvey.Scope.choices, widget=dsfr_widgets.RadioSelect
    )
    region = forms.ModelChoiceField(
        label="Région (recensement régional)",
        queryset=Region.objects.all(),
        required=False,
        empty_label="—",
    )
    opens_on = forms.DateField(label="Ouverture le", widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label="Clôture le", widget=forms.DateInput(attrs={"type": "date"}))
    unique_levels = forms.TypedMultipleChoiceField(
        label="Priorités à n'attribuer qu'à un seul levier",
        choices=ONCE_ONLY_CHOICES,
        coerce=int,
        required=False,
        initial=[Priority.TOP],
        widget=dsfr_widgets.CheckboxSelectMultiple,
        help_text="Une réponse ne pourra donner ces priorités qu'à un levier au plus.",
    )
    levers = LeverChoiceField(
        label="Leviers à faire noter",
        queryset=Lever.objects.all(),
        widget=dsfr_widgets.CheckboxSelectMultiple,
        help_text="Les leviers proposés par défaut sont cochés ; un levier au moins.",
        error_messages={"required": "Choisissez au moins un levier."},
    )

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levers"].initial = list(
            Lever.objects.filter(is_active=True).values_list("pk", flat=True)
        )
        if regions is not None:
            self.fields["region"].queryset = Region.objects.filter(code__in=regions)
            self.fields["scope"].choices = [
                (NeedsSurvey.Scope.REGIONAL, NeedsSurvey.Scope.REGIONAL.label)
            ]
            self.fields["scope"].initial = NeedsSurvey.Scope.REGIONAL

    def clean(self):
        data = super().clean()
        if data.get("scope") == NeedsSurvey.Scope.REGIONAL and not data.get("region"):
            self.add_error("region", "Choisissez la région du recensement.")
        if data.get("scope") == NeedsSurvey.Scope.NATIONAL:
            data["region"] = None
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "La clôture doit suivre l'ouverture.")
        return data


class RespondentForm(DsfrBaseForm):
    """Answer for the managing body or for one of its ESSMS of the survey's territory."""

    pour = forms.ChoiceField(label="Répondre au nom de")

    def __init__(self, *args, managing_body, establishments, as_body=True, refusals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusals = refusals or {}  # FINESS -> why it may not answer
        self.fields["pour"].choices = [
            *(
                [(managing_body.finess, f"{managing_body.display_name} (organisme gestionnaire)")]
                if as_body
                else []
            ),
            *[(e.finess, f"{e.name} — {e.finess}") for e in establishments],
        ]

    def full_clean(self):
        super().full_clean()
        if self.is_bound and "pour" in self.errors:
            chosen = str(self.data.get("pour", ""))
            if chosen in self.refusals:
                self.errors["pour"] = self.error_class([self.refusals[chosen]])


class SurveyAnswerForm(DsfrBaseForm):
    """A priority for each lever, the SI domains where a need is felt, free text."""

    def __init__(self, *args, levers, domains, answer=None, unique_levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unique_levels = list(unique_levels)
        self.lever_labels = {lever.code: lever.label for lever in levers}
        ratings = (
            {rating.lever.code: rating.level for rating in answer.ratings.all()} if answer else {}
        )
        self.lever_codes = [lever.code for lever in levers]
        for lever in levers:
            self.fields[f"levier-{lever.code}"] = forms.TypedChoiceField(
                label=f"{lever.code}. {lever.label}",
                choices=Priority.choices,
                coerce=int,
                widget=dsfr_widgets.InlineRadioSelect,
                initial=ratings.get(lever.code),
            )
        self.fields["besoins"] = forms.MultipleChoiceField(
            label="Domaines du SI où votre organisation a des besoins",
            choices=[(domain.code, domain.label) for domain in domains],
            required=False,
            widget=dsfr_widgets.CheckboxSelectMultiple,
            initial=[domain.code for domain in answer.needs.all()] if answer else [],
        )
        self.fields["commentaire"] = forms.CharField(
            label="Vos besoins et attentes, en quelques mots",
            required=False,
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 5}),
            initial=answer.comment if answer else "",
        )

    def clean(self):
        data = super().clean()
        if all(f"levier-{code}" in data for code in self.lever_codes):
            for message in once_only_errors(self.ratings(), self.unique_levels, self.lever_labels):
                self.add_error(None, message)
        return data

    def ratings(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"levier-{code}"] for code in self.lever_codes}


class SendConfirmForm(DsfrBaseForm):
    """Confirms a mailing round: the number of addresses the sender saw in the preview."""

    expected = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=10_000_000,
        error_messages={"invalid": "Nombre de destinataires invalide : rechargez la page."},
    )

    def __init__(self, *args, current: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fields["expected"].initial = current

    def clean_expected(self):
        expected = self.cleaned_data["expected"]
        if expected != self.current:
            raise forms.ValidationError(
                f"Le nombre de destinataires a changé ({self.current} au lieu de {expected}) : "
                "vérifiez-le et confirmez à nouveau."
            )
        return expected
