"""Forms of the criteria, the offers and the decision: they parse the input (French error
messages, never a 500) and hand plain data to ``offer_services``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import InlineRadioSelect, RadioSelect
from mutualis.specifications import offer_services
from mutualis.specifications.models import Coverage, Criterion, Item, Offer, PriceLine

WEIGHT_ERRORS = {
    "invalid": "Saisissez un nombre entier de 0 à 100.",
    "min_value": "Le poids est au moins 0.",
    "max_value": "Le poids est au plus 100.",
    "required": "Saisissez un poids de 0 à 100.",
}
MARK_ERRORS = {
    "invalid": "Saisissez une note de 0 à 10, par exemple 7 ou 7,5.",
    "min_value": "La note est au moins 0.",
    "max_value": "La note est au plus 10.",
    "max_digits": "Saisissez une note de 0 à 10 avec une décimale au plus.",
    "max_decimal_places": "Saisissez une décimale au plus.",
    "max_whole_digits": "La note est au plus 10.",
}
AMOUNT_ERRORS = {
    "invalid": "Saisissez un montant en euros, par exemple 12500 ou 12500,50.",
    "min_value": "Le montant ne peut pas être négatif.",
    "max_digits": "Saisissez un montant de 10 chiffres au plus avant la virgule.",
    "max_decimal_places": "Saisissez 2 décimales au plus (les centimes).",
    "max_whole_digits": "Saisissez un montant de 10 chiffres au plus avant la virgule.",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# Criteria -------------------------------------------------------------------------------


class CriterionForm(DsfrBaseForm):
    criterion = forms.ModelChoiceField(
        queryset=Criterion.objects.none(), required=False, widget=forms.HiddenInput
    )
    label = forms.CharField(
        label="Critère",
        max_length=200,
        required=False,
        error_messages={"max_length": "Le libellé compte au plus 200 caractères."},
    )
    weight = forms.IntegerField(
        label="Poids (0 à 100)", min_value=0, max_value=100, error_messages=WEIGHT_ERRORS
    )

    def __init__(self, *args, specification=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = specification.criteria.all()
        self.fields["criterion"].error_messages["invalid_choice"] = (
            "Ce critère n'existe plus : rechargez la page."
        )

    @property
    def kind(self) -> str:
        criterion = self.initial.get("criterion")
        return criterion.kind if criterion is not None else Criterion.Kind.MARK

    @property
    def deletable(self) -> bool:
        return self.kind == Criterion.Kind.MARK

    def clean(self):
        data = super().clean()
        if self.cleaned_data.get("DELETE"):
            return data
        if not (data.get("label") or "").strip():
            self.add_error("label", "Donnez un libellé au critère.")
        return data


class BaseCriteriaFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(row.weight > 0 for row in self.rows() if not row.delete):
            raise ValidationError("Donnez un poids supérieur à 0 à au moins un critère.")

    def rows(self) -> list[offer_services.CriterionRow]:
        out = []
        for form in self.forms:
            data = form.cleaned_data
            if not form.initial and not form.has_changed():
                continue  # an empty extra line
            criterion = data.get("criterion") if form.initial else None
            delete = bool(data.get("DELETE")) and (criterion is None or form.deletable)
            if delete and criterion is None:
                continue
            out.append(
                offer_services.CriterionRow(
                    criterion,
                    (data.get("label") or "").strip(),
                    data.get("weight") or 0,
                    delete,
                )
            )
        return out


CriteriaFormSet = forms.formset_factory(
    CriterionForm,
    formset=BaseCriteriaFormSet,
    extra=1,
    can_delete=True,
    max_num=30,
    validate_max=True,
    absolute_max=30,
)


def criteria_formset(specification, criteria, data=None) -> BaseCriteriaFormSet:
    return CriteriaFormSet(
        data,
        prefix="criteres",
        initial=[{"criterion": c, "label": c.label, "weight": c.weight} for c in criteria],
        form_kwargs={"specification": specification},
    )


# Offers ---------------------------------------------------------------------------------

COVERAGE_CHOICES = [*Coverage.Level.choices, ("", "Non renseignée")]


class OfferForm(DsfrBaseForm):
    vendor = forms.CharField(label="Éditeur", max_length=200)
    solution = forms.CharField(label="Solution proposée", max_length=200, required=False)
    received_on = forms.DateField(
        label="Reçue le",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Saisissez une date valide, par exemple 15/03/2027."},
    )
    notes = forms.CharField(
        label="Observations", max_length=3000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, items: list[Item], marks: list[Criterion], offer=None, **kwargs):
        initial = {}
        if offer is not None:
            initial = {
                "vendor": offer.vendor,
                "solution": offer.solution,
                "received_on": offer.received_on,
                "notes": offer.notes,
            }
            initial |= {f"cov_{c.item_id}": c.level for c in offer.coverages.all()}
            initial |= {f"mark_{m.criterion_id}": m.value for m in offer.marks.all()}
        super().__init__(*args, initial=initial, **kwargs)
        self.items, self.mark_criteria = items, marks
        for item in items:
            self.fields[f"cov_{item.pk}"] = forms.ChoiceField(
                label=f"{item.code} — {item.label}",
                choices=COVERAGE_CHOICES,
                required=False,
                widget=InlineRadioSelect,
            )
        for criterion in marks:
            self.fields[f"mark_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.label} (note sur 10)",
                min_value=0,
                max_value=10,
                max_digits=3,
                decimal_places=1,
                required=False,
                localize=True,
                error_messages=MARK_ERRORS,
                help_text="Une décimale au plus ; vide = pas encore noté.",
            )

    def coverage_fields(self, item_list):
        return [self[f"cov_{item.pk}"] for item in item_list]

    def mark_fields(self):
        return [self[f"mark_{c.pk}"] for c in self.mark_criteria]


class PriceLineForm(DsfrBaseForm):
    label = forms.CharField(label="Poste", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="Nature",
        choices=[("", "— choisir —"), *PriceLine.Kind.choices],
        required=False,
    )
    amount = forms.DecimalField(
        label="Montant HT (€)",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        localize=True,
        error_messages=AMOUNT_ERRORS,
        help_text="Vide : non chiffré par l'éditeur (le prix est alors non évaluable).",
    )

    def clean(self):
        data = super().clean()
        if self.cleaned_data.get("DELETE") or self.is_blank():
            return data
        if not (data.get("label") or "").strip():
            self.add_error(
                "label", "Indiquez le poste (par exemple « Licences » ou « Reprise des données »)."
            )
        if not data.get("kind"):
            self.add_error("kind", "Choisissez la nature : investissement ou coût annuel.")
        return data

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("label") or "").strip() and data.get("amount") is None


class BasePriceLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[offer_services.PriceLineData]:
        return [
            offer_services.PriceLineData(
                form.cleaned_data["label"].strip(),
                form.cleaned_data["kind"],
                form.cleaned_data.get("amount"),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and not form.is_blank()
        ]


PriceLineFormSet = forms.formset_factory(
    PriceLineForm,
    formset=BasePriceLineFormSet,
    extra=2,
    can_delete=True,
    max_num=50,
    validate_max=True,
    absolute_max=50,
)


def price_formset(offer=None, data=None) -> BasePriceLineFormSet:
    initial = (
        [
            {"label": line.label, "kind": line.kind, "amount": line.amount}
            for line in offer.price_lines.all()
        ]
        if offer is not None
        else []
    )
    return PriceLineFormSet(data, prefix="prix", initial=initial)


def offer_data(form: OfferForm, prices: BasePriceLineFormSet) -> offer_services.OfferData:
    data = form.cleaned_data
    return offer_services.OfferData(
        vendor=data["vendor"].strip(),
        solution=data["solution"].strip(),
        received_on=data["received_on"],
        notes=data["notes"],
        coverage={item.pk: data[f"cov_{item.pk}"] for item in form.items},
        price_lines=prices.lines(),
        marks={c.pk: data[f"mark_{c.pk}"] for c in form.mark_criteria},
    )


# Decision -------------------------------------------------------------------------------


class DecisionForm(DsfrBaseForm):
    offer = forms.ModelChoiceField(
        label="Offre retenue",
        queryset=Offer.objects.none(),
        to_field_name="uid",
        widget=RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choisissez l'offre retenue.",
            "invalid_choice": "Cette offre n'existe pas dans ce cahier des charges.",
        },
    )
    reason = forms.CharField(
        label="Motifs de la décision",
        max_length=3000,
        widget=forms.Textarea,
        error_messages={"required": "Indiquez les motifs de la décision."},
        help_text="Obligatoires ; ils figurent dans l'analyse et le retour d'expérience.",
    )

    def __init__(self, *args, specification, labels: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["offer"]
        field.queryset = specification.offers.all()
        if labels:
            field.label_from_instance = lambda offer: labels.get(str(offer.uid), str(offer))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Indiquez les motifs de la décision.")
        return reason
