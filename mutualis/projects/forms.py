import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from mutualis.directory.models import Establishment
from mutualis.grappes.models import GrappeMember
from mutualis.projects import progress, proofs
from mutualis.projects.models import (
    FUTURE_MILESTONE,
    FUTURE_RECEIPT,
    Decision,
    Meeting,
    Milestone,
    Risk,
    Tranche,
    UsageTarget,
)

NEGATIVE = "La valeur doit être positive ou nulle."
PROOF_MAX_MB = settings.MUTUALIS.get("USAGE_PROOF_MAX_MB", 5)


def not_in_future(day: datetime.date | None, message: str) -> datetime.date | None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(message)
    return day


SCALE_CHOICES = {
    "likelihood": [
        (1, "1 — rare"),
        (2, "2 — possible"),
        (3, "3 — probable"),
        (4, "4 — presque certain"),
    ],
    "impact": [(1, "1 — faible"), (2, "2 — modéré"), (3, "3 — important"), (4, "4 — critique")],
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _members(project):
    return GrappeMember.objects.filter(
        grappe=project.grappe, status=GrappeMember.Status.ACTIVE
    ).select_related("managing_body")


def _member_label(member) -> str:
    return member.managing_body.display_name


class ProjectForm(forms.ModelForm, DsfrBaseForm):
    """A form of a project item: member choices limited to the grappe's active members (the
    fields are changed in place: DsfrBaseForm has already bound them)."""

    member_fields = ("responsible", "host", "owner")

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.member_fields:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = _members(project)
                field.label_from_instance = _member_label
                field.empty_label = "—"


class ReachedOnMixin:
    """A milestone is reached on or before today."""

    def clean_actual_date(self):
        return not_in_future(self.cleaned_data.get("actual_date"), FUTURE_MILESTONE)


class MilestoneForm(ReachedOnMixin, ProjectForm):
    class Meta:
        model = Milestone
        fields = ["title", "planned_date", "actual_date", "responsible", "notes"]
        widgets = {"planned_date": DateInput(), "actual_date": DateInput()}
        help_texts = {
            "actual_date": "Laissez vide tant que le jalon n'est pas atteint (au plus tard "
            "aujourd'hui)."
        }


class MilestoneProgressForm(ReachedOnMixin, ProjectForm):
    """What a member records on a milestone."""

    class Meta:
        model = Milestone
        fields = ["actual_date", "notes"]
        widgets = {"actual_date": DateInput()}


class MilestoneDoneForm(ReachedOnMixin, forms.Form):
    actual_date = forms.DateField(label="Atteint le", widget=DateInput())


class MeetingForm(ProjectForm):
    class Meta:
        model = Meeting
        fields = ["date", "mode", "host", "agenda", "minutes"]
        widgets = {
            "date": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }


class DecisionForm(ProjectForm):
    """A decision of a meeting: what, who carries it out, by when."""

    class Meta:
        model = Decision
        fields = ["text", "owner", "due_date", "status"]
        widgets = {"due_date": DateInput()}


class RiskForm(ProjectForm):
    likelihood = forms.TypedChoiceField(
        label="Probabilité", choices=SCALE_CHOICES["likelihood"], coerce=int
    )
    impact = forms.TypedChoiceField(label="Impact", choices=SCALE_CHOICES["impact"], coerce=int)

    class Meta:
        model = Risk
        fields = ["title", "likelihood", "impact", "owner", "mitigation", "status"]
        widgets = {"mitigation": forms.Textarea(attrs={"rows": 3})}


class TrancheForm(ProjectForm):
    class Meta:
        model = Tranche
        fields = [
            "position",
            "label",
            "expected_amount",
            "expected_date",
            "received_date",
            "received_amount",
        ]
        widgets = {"expected_date": DateInput(), "received_date": DateInput()}
        help_texts = {"received_amount": "Laissé vide à réception : le montant attendu est repris."}

    def clean_received_date(self):
        return not_in_future(self.cleaned_data.get("received_date"), FUTURE_RECEIPT)

    def clean(self):
        data = super().clean()
        if data.get("received_amount") is not None and not data.get("received_date"):
            self.add_error("received_date", "Indiquez la date de réception.")
        if data.get("received_date") and data.get("received_amount") is None:
            data["received_amount"] = data.get("expected_amount")
        return data


class TargetForm(ProjectForm):
    """A usage target of an ESSMS; its values are recorded period by period (ValueForm)."""

    class Meta:
        model = UsageTarget
        fields = ["establishment", "indicator", "target_value", "unit"]
        help_texts = {"unit": "Par exemple %, documents, DUI actifs."}
        error_messages = {"target_value": {"min_value": NEGATIVE}}

    def __init__(self, *args, establishments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["establishment"]
        else:
            field = self.fields["establishment"]
            field.queryset = (
                establishments if establishments is not None else Establishment.objects.none()
            )
            field.label_from_instance = lambda e: f"{e.name} ({e.finess})"


class ValueForm(DsfrBaseForm):
    """The value of a usage target for one period (the current one or a past one), with its
    proof: a file (PDF, PNG, JPEG or CSV, checked by its content) and/or a short text."""

    period = forms.ChoiceField(label="Période")
    value = forms.DecimalField(
        label="Valeur atteinte",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "min_value": NEGATIVE,
            "invalid": "Saisissez un nombre, par exemple 42 ou 12,5.",
            "required": "Saisissez la valeur atteinte.",
            "max_digits": "Saisissez un nombre de 10 chiffres au plus avant la virgule.",
            "max_decimal_places": "Saisissez 2 décimales au plus.",
            "max_whole_digits": "Saisissez un nombre de 10 chiffres au plus avant la virgule.",
        },
    )
    proof_text = forms.CharField(
        label="Preuve (texte court ou lien)", max_length=500, required=False
    )
    proof_file = forms.FileField(
        label="Fichier de preuve",
        required=False,
        max_length=200,
        help_text=f"PDF, PNG, JPEG ou CSV, {PROOF_MAX_MB} Mo au plus.",
    )

    def __init__(self, *args, target: UsageTarget, **kwargs):
        super().__init__(*args, **kwargs)
        periods = progress.recent_periods(target.periodicity, timezone.localdate())
        self.fields["period"].choices = [(p, progress.period_label(p)) for p in periods]
        self.fields["period"].error_messages["invalid_choice"] = (
            "Choisissez une période proposée : la période en cours ou une période passée."
        )
        if target.unit:  # the field is already bound (DsfrBaseForm): label both
            label = f"Valeur atteinte ({target.unit})"
            self.fields["value"].label = self["value"].label = label
        widget = self.fields["proof_file"].widget
        widget.attrs.update({"class": "fr-upload", "accept": proofs.ACCEPT})
        widget.group_class = "fr-upload-group"

    def clean_proof_file(self):
        upload = self.cleaned_data.get("proof_file")
        if upload:
            upload.seek(0)
            head = upload.read(4096)
            upload.seek(0)
            try:
                proofs.proof_type(upload.name, head, upload.size, PROOF_MAX_MB * 1024 * 1024)
            except proofs.ProofError as error:
                raise ValidationError(str(error)) from error
        return upload
