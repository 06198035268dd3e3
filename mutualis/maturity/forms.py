from django import forms
from dsfr.forms import DsfrBaseForm


class StartAssessmentForm(DsfrBaseForm):
    """Which subject to assess: the managing body as a whole or one of its establishments."""

    subject = forms.ChoiceField(label="Autodiagnostic de", required=False)

    def __init__(self, *args, managing_body, **kwargs):
        super().__init__(*args, **kwargs)
        establishments = managing_body.establishments.filter(is_closed=False).order_by("name")
        self.fields["subject"].choices = [
            ("", f"L'organisme dans son ensemble ({managing_body.name})"),
            *((e.finess, f"{e.name} ({e.finess})") for e in establishments),
        ]
