"""Forms of the rating and arbitration stage: they parse every input (never by hand)."""

from __future__ import annotations

from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import RadioSelect
from mutualis.specifications.models import Importance, Item
from mutualis.specifications.rating_services import REASON_REQUIRED, Entry

COMMENT_MAX = 500
COMMENT_NEEDS_IMPORTANCE = "Choisissez aussi une importance pour enregistrer ce commentaire."


class StartForm(DsfrBaseForm):
    title = forms.CharField(
        label="Titre",
        max_length=200,
        required=False,
        help_text="Par exemple « DUI commun 2027 ». Laissé vide : « Cahier des charges commun — "
        "nom de la grappe ».",
        error_messages={"max_length": "Le titre compte au plus 200 caractères."},
    )
    purpose = forms.CharField(
        label="Objet de l'achat",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce que la grappe veut acheter ensemble, pour quels ESSMS.",
        error_messages={"max_length": "L'objet compte au plus 3 000 caractères."},
    )


class RatingForm(forms.Form):
    """One radio group (importance) and one comment per item: fields ``i<id>`` and ``c<id>``."""

    def __init__(self, *args, items: list[Item], ratings: dict, **kwargs):
        initial = {}
        for item in items:
            rating = ratings.get(item.pk)
            if rating is not None:
                initial[f"i{item.pk}"] = rating.importance
                initial[f"c{item.pk}"] = rating.comment
        super().__init__(*args, initial=initial, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"i{item.pk}"] = forms.ChoiceField(
                label=f"Importance de {item.code}",
                choices=Importance.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choisissez une des importances proposées."},
            )
            self.fields[f"c{item.pk}"] = forms.CharField(
                label=f"Commentaire sur {item.code} (facultatif)",
                max_length=COMMENT_MAX,
                required=False,
                error_messages={
                    "max_length": f"Le commentaire compte au plus {COMMENT_MAX} caractères."
                },
            )

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            if cleaned.get(f"c{item.pk}") and not cleaned.get(f"i{item.pk}"):
                self.add_error(f"c{item.pk}", COMMENT_NEEDS_IMPORTANCE)
        return cleaned

    def entries(self) -> list[Entry]:
        return [
            Entry(
                item.pk,
                self.cleaned_data.get(f"i{item.pk}") or None,
                self.cleaned_data.get(f"c{item.pk}", "").strip(),
            )
            for item in self.items
        ]

    def rows(self):
        """(item, importance field, comment field) in the items' order."""
        return [(item, self[f"i{item.pk}"], self[f"c{item.pk}"]) for item in self.items]


class AddItemForm(DsfrBaseForm):
    domain = forms.ChoiceField(label="Domaine", choices=())
    label = forms.CharField(
        label="Exigence",
        max_length=300,
        help_text="Ce que le logiciel doit permettre, en une phrase.",
        error_messages={
            "required": "Indiquez l'exigence.",
            "max_length": "L'exigence compte au plus 300 caractères.",
        },
    )
    description = forms.CharField(
        label="Précisions (facultatif)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Les précisions comptent au plus 2 000 caractères."},
    )

    def __init__(self, *args, domains: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [(label, label) for label in domains]
        self.fields["domain"].error_messages["invalid_choice"] = "Choisissez un des domaines."


class ArbitrateForm(DsfrBaseForm):
    importance = forms.ChoiceField(
        label="Importance retenue par le groupement",
        choices=Importance.choices,
        widget=RadioSelect,
        error_messages={
            "required": "Choisissez l'importance retenue.",
            "invalid_choice": "Choisissez une des importances proposées.",
        },
    )
    reason = forms.CharField(
        label="Motif de l'arbitrage",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire, sauf si vous retenez l'importance sur laquelle tous les membres "
        "s'accordent.",
        error_messages={"max_length": "Le motif compte au plus 2 000 caractères."},
    )

    def __init__(self, *args, consensus: str | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consensus = consensus

    def clean(self):
        cleaned = super().clean()
        importance = cleaned.get("importance")
        if importance and not cleaned.get("reason", "").strip() and importance != self.consensus:
            self.add_error("reason", REASON_REQUIRED)
        return cleaned


FILTERS = (
    ("toutes", "Toutes les exigences"),
    ("desaccords", "Désaccords seulement"),
    ("non_arbitrees", "Non arbitrées seulement"),
)


class ConvergenceFilterForm(DsfrBaseForm):
    filtre = forms.ChoiceField(
        label="Afficher", choices=FILTERS, required=False, widget=RadioSelect
    )

    def choice(self) -> str:
        if self.is_valid():
            return self.cleaned_data.get("filtre") or "toutes"
        return "toutes"
