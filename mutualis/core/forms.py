from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import RadioSelect

# A search box holds a few words: longer text is refused by the form, before it reaches the
# database (SQLite refuses LIKE patterns over 50 000 bytes with a server error).
SEARCH_MAX_LENGTH = 200
SEARCH_ERRORS = {
    "max_length": f"Une recherche compte au plus {SEARCH_MAX_LENGTH} caractères : "
    "raccourcissez-la (quelques mots du nom, un n° FINESS ou une commune suffisent)."
}


def chosen(queryset: QuerySet, value, to_field_name: str | None = None):
    """The object of ``queryset`` a request names (an id, a uuid…), parsed by a form field;
    None for a malformed, out-of-range or unknown value (never a 500)."""
    try:
        return forms.ModelChoiceField(queryset, to_field_name=to_field_name).clean(value)
    except ValidationError:
        return None


def chosen_or_404(queryset: QuerySet, value, to_field_name: str | None = None):
    found = chosen(queryset, value, to_field_name)
    if found is None:
        raise Http404
    return found


class ModerationForm(DsfrBaseForm):
    """Publish or refuse a proposal; a refusal says why (its author reads it)."""

    decision = forms.ChoiceField(
        label="Décision",
        choices=[("publish", "Publier"), ("reject", "Refuser")],
        widget=RadioSelect,
    )
    note = forms.CharField(
        label="Motif du refus",
        required=False,
        max_length=500,
        help_text="Obligatoire pour un refus : l'auteur le verra pour corriger sa proposition.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            raise ValidationError("Indiquez le motif du refus : l'auteur le verra.")
        return data
