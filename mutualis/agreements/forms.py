from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from mutualis.agreements.clauses import FIELDS
from mutualis.agreements.models import AgreementClause
from mutualis.agreements.referential import SCALE
from mutualis.core import uploads

_ANSWER = forms.TypedChoiceField(
    choices=[("", "Je ne sais pas"), *((str(value), label) for value, label in SCALE.items())],
    coerce=int,
    empty_value=None,
    required=False,
)


def cooperation_values(data, questions) -> dict[str, int | None]:
    """Answers posted by the questionnaire: ``q-<code>`` = 1..4, or empty for "not sure"."""
    values: dict[str, int | None] = {}
    for question in questions:
        try:
            values[question.code] = _ANSWER.clean(data.get(f"q-{question.code}", ""))
        except ValidationError as error:
            raise ValidationError(f"Réponse non valable à la question {question.code}.") from error
    return values


class ClauseForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = AgreementClause
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}
        help_texts = {
            "text": "Séparez les paragraphes par une ligne vide. Champs remplis depuis la "
            "grappe : " + ", ".join(f"{{{{ {name} }}}} ({label})" for name, label in FIELDS.items())
        }


class VersionForm(DsfrBaseForm):
    note = forms.CharField(
        label="Note de version (facultatif)",
        max_length=300,
        required=False,
        help_text="Par exemple : « prise en compte des remarques du comité de pilotage ».",
    )


class PartyForm(DsfrBaseForm):
    representative = forms.CharField(
        label="Nom du représentant",
        max_length=150,
        help_text="La personne qui signera pour l'organisme, par exemple : Claire Martin.",
        error_messages={"required": "Indiquez le nom du représentant de l'organisme."},
    )
    capacity = forms.CharField(
        label="Qualité du représentant",
        max_length=150,
        help_text="Par exemple : directrice générale, président.",
        error_messages={"required": "Indiquez la qualité du représentant."},
    )


class SignatureForm(DsfrBaseForm):
    signatory = forms.CharField(label="Nom du signataire", max_length=150)
    capacity = forms.CharField(
        label="Qualité du signataire", max_length=150, help_text="Par exemple : directeur général."
    )
    signed_on = forms.DateField(
        label="Date de signature", widget=forms.DateInput(attrs={"type": "date"})
    )
    scan = forms.FileField(
        label="Convention signée",
        help_text=(
            "Fichier PDF, JPEG ou PNG de la convention signée, "
            f"{settings.MUTUALIS['SIGNED_SCAN_MAX_MB']} Mo au plus."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["scan"].widget
        widget.attrs.update({"class": "fr-upload", "accept": ".pdf,.jpg,.jpeg,.png"})
        widget.group_class = "fr-upload-group"

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise ValidationError("La date de signature ne peut pas être dans le futur.")
        return signed_on

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        limit = settings.MUTUALIS["SIGNED_SCAN_MAX_MB"]
        if scan.size > limit * 1024 * 1024:
            raise ValidationError(f"Le fichier dépasse {limit} Mo : réduisez sa résolution.")
        kind = uploads.sniff(scan)  # the real type, whatever the file name says
        if kind is None:
            raise ValidationError(
                "Déposez un fichier PDF, JPEG ou PNG : ce fichier n'en est pas un."
            )
        self.cleaned_data["scan_type"] = kind
        return scan
