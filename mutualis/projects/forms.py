from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.directory.models import Establishment
from mutualis.grappes.models import GrappeMember
from mutualis.projects.models import Meeting, Milestone, Risk, Tranche, UsageTarget

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


class MilestoneForm(ProjectForm):
    class Meta:
        model = Milestone
        fields = ["title", "planned_date", "actual_date", "responsible", "notes"]
        widgets = {"planned_date": DateInput(), "actual_date": DateInput()}
        help_texts = {"actual_date": "Laissez vide tant que le jalon n'est pas atteint."}


class MilestoneProgressForm(ProjectForm):
    """What a member records on a milestone."""

    class Meta:
        model = Milestone
        fields = ["actual_date", "notes"]
        widgets = {"actual_date": DateInput()}


class MilestoneDoneForm(forms.Form):
    actual_date = forms.DateField(label="Atteint le", widget=DateInput())


class MeetingForm(ProjectForm):
    class Meta:
        model = Meeting
        fields = ["date", "mode", "host", "agenda", "minutes", "decisions"]
        widgets = {
            "date": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }


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

    def clean(self):
        data = super().clean()
        if data.get("received_amount") is not None and not data.get("received_date"):
            self.add_error("received_date", "Indiquez la date de réception.")
        if data.get("received_date") and data.get("received_amount") is None:
            data["received_amount"] = data.get("expected_amount")
        return data


class TargetForm(ProjectForm):
    class Meta:
        model = UsageTarget
        fields = ["establishment", "indicator", "target_value", "actual_value", "unit", "proof"]
        help_texts = {"unit": "Par exemple %, documents, DUI actifs."}

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


class TargetProgressForm(forms.ModelForm, DsfrBaseForm):
    """What a member records on a usage target: the value reached and its proof."""

    class Meta:
        model = UsageTarget
        fields = ["actual_value", "proof"]
