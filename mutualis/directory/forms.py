from django import forms
from django.forms.models import ModelChoiceIterator
from dsfr.forms import DsfrBaseForm

from mutualis.directory import mapgrid
from mutualis.directory.it_profile_rules import MAX_DEVICES, ItProfileValues, check_it_profile
from mutualis.directory.models import ItProfile, ManagingBody, Solution
from mutualis.directory.names import USUAL_NAME_MAX_LENGTH, clean_usual_name

YES_NO = [(None, "Non renseigné"), (True, "Oui"), (False, "Non")]
OTHER_SOLUTION = "autre"
OTHER_SOLUTION_LABEL = "Autre solution (préciser)"
RULE_FIELDS = (
    "dui_status",
    "solution",
    "other_solution_name",
    "other_editor_name",
    "workstation_count",
    "mobile_device_count",
)


class _SolutionsThenOther(ModelChoiceIterator):
    def __iter__(self):
        yield from super().__iter__()
        yield (OTHER_SOLUTION, OTHER_SOLUTION_LABEL)

    def __len__(self) -> int:
        return super().__len__() + 1


class SolutionChoiceField(forms.ModelChoiceField):
    """The solutions of the list, then "Autre solution (préciser)", cleaned as
    ``OTHER_SOLUTION``."""

    iterator = _SolutionsThenOther

    def to_python(self, value):
        return OTHER_SOLUTION if value == OTHER_SOLUTION else super().to_python(value)


def _count_field(label: str) -> forms.IntegerField:
    """Bounds are the rules' (same messages as the API); the widget only helps typing."""
    return forms.IntegerField(
        label=label,
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_DEVICES}),
    )


class ItProfileForm(forms.ModelForm, DsfrBaseForm):
    solution = SolutionChoiceField(
        label="Solution DUI",
        queryset=Solution.objects.select_related("editor"),
        required=False,
        # it_profile.js shows the names of another solution only with this choice
        widget=forms.Select(
            attrs={"data-other-value": OTHER_SOLUTION, "aria-controls": "autre-solution"}
        ),
        help_text="La liste des solutions est tenue par l'administration nationale. Absente de "
        "la liste ? Choisissez « Autre solution (préciser) ».",
    )
    other_solution_name = forms.CharField(
        label="Nom de l'autre solution",
        required=False,
        max_length=120,
        help_text="Obligatoire avec « Autre solution (préciser) », vide sinon.",
    )
    other_editor_name = forms.CharField(
        label="Éditeur de l'autre solution",
        required=False,
        max_length=120,
        help_text="Obligatoire avec « Autre solution (préciser) », vide sinon.",
    )
    workstation_count = _count_field("Postes de travail")
    mobile_device_count = _count_field("Terminaux mobiles (tablettes, smartphones)")
    has_broadband = forms.NullBooleanField(
        label="Accès internet haut débit",
        required=False,
        widget=forms.Select(choices=YES_NO),
    )
    has_wifi = forms.NullBooleanField(
        label="Wifi dans les locaux", required=False, widget=forms.Select(choices=YES_NO)
    )
    field_order = [
        "dui_status",
        "solution",
        "other_solution_name",
        "other_editor_name",
        "hosting_mode",
        "workstation_count",
        "mobile_device_count",
        "has_broadband",
        "has_wifi",
    ]

    class Meta:
        model = ItProfile
        fields = ["dui_status", "hosting_mode", "has_broadband", "has_wifi"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        if profile.pk:
            self.initial.update(
                solution=OTHER_SOLUTION if profile.has_other_solution else profile.solution_id,
                other_solution_name=profile.other_solution_name,
                other_editor_name=profile.other_editor_name,
                workstation_count=profile.workstation_count,
                mobile_device_count=profile.mobile_device_count,
            )

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in RULE_FIELDS):
            return data  # the rules read valid values only
        choice = data.get("solution")
        values = ItProfileValues(
            dui_status=data.get("dui_status") or "",
            listed_solution=isinstance(choice, Solution),
            other_solution=choice == OTHER_SOLUTION,
            other_solution_name=data.get("other_solution_name", ""),
            other_editor_name=data.get("other_editor_name", ""),
            workstation_count=data.get("workstation_count"),
            mobile_device_count=data.get("mobile_device_count"),
        )
        for error in check_it_profile(values):
            self.add_error(error.field, error.message)
        if choice == OTHER_SOLUTION:
            data["solution"] = None  # stored as the names of the other solution
        return data


class ManagingBodyForm(DsfrBaseForm):
    """What the managing body's administrators declare (a plain form: the service compares
    with the stored body, which a ModelForm would change while validating)."""

    usual_name = forms.CharField(
        label="Nom d'usage de l'organisme",
        required=False,
        max_length=USUAL_NAME_MAX_LENGTH,
        help_text="Le nom sous lequel on vous connaît, par exemple « Fondation Les Tilleuls » ; "
        "il est affiché comme « nom d'usage déclaré par l'organisme ». La raison sociale "
        "reste celle du fichier FINESS.",
    )
    open_to_cooperation = forms.BooleanField(
        label="Ouvert à la coopération",
        required=False,
        help_text="Les autres organismes pourront vous proposer de coopérer.",
    )

    def __init__(self, *args, body: ManagingBody, **kwargs):
        kwargs.setdefault(
            "initial",
            {"usual_name": body.usual_name, "open_to_cooperation": body.open_to_cooperation},
        )
        super().__init__(*args, **kwargs)

    def clean_usual_name(self) -> str:
        try:
            return clean_usual_name(self.cleaned_data.get("usual_name") or "")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class MapViewForm(forms.Form):
    """The part of the map a client asks for: zoom level and visible bounding box."""

    zoom = forms.IntegerField(
        min_value=mapgrid.MIN_ZOOM, max_value=mapgrid.MAX_ZOOM, required=False
    )
    bbox = forms.CharField(max_length=200, required=False)

    def clean_bbox(self) -> mapgrid.BBox | None:
        text = self.cleaned_data["bbox"]
        if not text:
            return None
        try:
            return mapgrid.parse_bbox(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def view(self) -> mapgrid.MapView:
        zoom = self.cleaned_data["zoom"]
        return mapgrid.MapView(
            zoom=mapgrid.DEFAULT_ZOOM if zoom is None else zoom, bbox=self.cleaned_data["bbox"]
        )
