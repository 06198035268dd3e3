from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.directory.models import HostingMode, ManagingBody, Solution
from mutualis.grappes.eligibility import SITUATIONS
from mutualis.grappes.rules import Programme


class GrappeForm(DsfrBaseForm):
    name = forms.CharField(label="Nom de la grappe", max_length=200)
    programme = forms.ChoiceField(label="Programme", choices=Programme.CHOICES)
    campaign = forms.IntegerField(label="Campagne (année)", min_value=2021, max_value=2100)


class InviteForm(DsfrBaseForm):
    finess = forms.CharField(
        label="N° FINESS juridique de l'organisme à inviter",
        max_length=9,
        help_text="9 caractères, par exemple 010780054 ; voir l'annuaire des organismes.",
    )

    def clean_finess(self):
        finess = self.cleaned_data["finess"].strip().upper()
        body = ManagingBody.objects.filter(finess=finess, is_closed=False).first()
        if body is None:
            raise forms.ValidationError("Aucun organisme gestionnaire ouvert avec ce numéro.")
        return body


class EntriesForm(forms.Form):
    """One row per open establishment of the member: taken or not, situation, solution,
    hosting. Field names carry the establishment id: ``inclus-12``, ``situation-12``…"""

    def __init__(self, *args, establishments, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        solutions = Solution.objects.select_related("editor").order_by("editor__name", "name")
        for establishment in establishments:
            entry = entries.get(establishment.pk)
            pk = establishment.pk
            self.fields[f"inclus-{pk}"] = forms.BooleanField(
                required=False, initial=entry is not None
            )
            self.fields[f"situation-{pk}"] = forms.ChoiceField(
                choices=[("", "—"), *SITUATIONS.items()],
                required=False,
                initial=entry.situation if entry else "",
            )
            self.fields[f"solution-{pk}"] = forms.ModelChoiceField(
                queryset=solutions,
                required=False,
                empty_label="—",
                initial=entry.solution_id if entry else None,
                widget=forms.Select(attrs={"class": "fr-select"}),
            )
            self.fields[f"hebergement-{pk}"] = forms.ChoiceField(
                choices=HostingMode.choices,
                required=False,
                initial=entry.hosting_mode if entry else "",
            )
            self.rows.append(
                (
                    establishment,
                    self[f"inclus-{pk}"],
                    self[f"situation-{pk}"],
                    self[f"solution-{pk}"],
                    self[f"hebergement-{pk}"],
                )
            )

    def selections(self) -> dict:
        """Establishment id -> (situation, solution, hosting) of the rows taken."""
        data = self.cleaned_data
        return {
            establishment.pk: (
                data[f"situation-{establishment.pk}"],
                data[f"solution-{establishment.pk}"],
                data[f"hebergement-{establishment.pk}"],
            )
            for establishment, *_ in self.rows
            if data[f"inclus-{establishment.pk}"]
        }
