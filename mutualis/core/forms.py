from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import RadioSelect


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
