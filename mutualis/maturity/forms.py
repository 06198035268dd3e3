from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.maturity.models import MAX_LEVEL

LEVEL_ERROR = f"Palier non valable : choisissez un palier de 0 à {MAX_LEVEL}."
_LEVEL = forms.IntegerField(
    min_value=0,
    max_value=MAX_LEVEL,
    required=False,
    error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), LEVEL_ERROR),
)


def parse_level(raw: str) -> int | None:
    """A posted palier (empty: not answered); ValidationError for anything but 0..MAX_LEVEL."""
    return _LEVEL.clean(raw)


class StartAssessmentForm(DsfrBaseForm):
    """Which subject to assess: the managing body as a whole or one of its establishments."""

    subject = forms.ChoiceField(label="Autodiagnostic de", required=False)

    def __init__(self, *args, managing_body, **kwargs):
        super().__init__(*args, **kwargs)
        establishments = managing_body.establishments.filter(is_closed=False).order_by("name")
        self.fields["subject"].choices = [
            ("", f"L'organisme dans son ensemble ({managing_body.display_name})"),
            *((e.finess, f"{e.name} ({e.finess})") for e in establishments),
        ]


class ReferentialUploadForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier CSV du référentiel",
        help_text="UTF-8, séparateur virgule, 13 colonnes : voir le format ci-dessous.",
    )
    version = forms.RegexField(
        label="Numéro de version",
        regex=r"^[0-9A-Za-z.-]{1,20}$",
        help_text="Ex. : 2027.1 (lettres, chiffres, points et tirets).",
        error_messages={"invalid": "Lettres, chiffres, points et tirets seulement."},
    )
    title = forms.CharField(label="Titre", max_length=200)
    source = forms.CharField(
        label="Source et licence", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    make_current = forms.BooleanField(
        label="En faire la version en vigueur pour les nouveaux autodiagnostics",
        required=False,
        initial=True,
    )

    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Le fichier doit être un CSV (.csv).")
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError("Le fichier dépasse 2 Mo.")
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("Le fichier doit être encodé en UTF-8.") from error
