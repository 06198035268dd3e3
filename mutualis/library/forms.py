from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.core.widgets import CheckboxSelectMultiple
from mutualis.library import attachments
from mutualis.library.models import CooperationTag, ExperienceReport
from mutualis.library.selectors import FACETS, linkable_initiatives


class SearchForm(DsfrBaseForm):
    """The search box and facet choices (read from GET; unknown choices are ignored)."""

    q = forms.CharField(
        label="Rechercher dans les retours d'expérience", max_length=200, required=False
    )

    def selected(self, data) -> dict[str, list[str]]:
        return {name: [v for v in data.getlist(name) if _is_facet_value(v)][:30] for name in FACETS}

    def query(self) -> str:
        """The cleaned search text, empty when the form is invalid."""
        return self.cleaned_data["q"] if self.is_valid() else ""


# A facet value is a short code; the field also refuses NUL characters (PostgreSQL cannot
# compare them: a 500 when ``region=%00`` reached the query).
_FACET_VALUE = forms.CharField(max_length=60)


def _is_facet_value(value: str) -> bool:
    try:
        _FACET_VALUE.clean(value)
    except forms.ValidationError:
        return False
    return True


class TagChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class ReportForm(forms.ModelForm, DsfrBaseForm):
    tags = TagChoiceField(
        label="Éléments facilitants et freins rencontrés",
        queryset=CooperationTag.objects.all(),
        required=False,
        widget=CheckboxSelectMultiple(attrs={"small": True}),
        help_text="Tirés du référentiel de la coopération (facteurs de succès, éléments "
        "facilitants, causes d'échec, freins).",
    )

    class Meta:
        model = ExperienceReport
        error_messages = {
            "region": {"required": "Choisissez la région : ses acteurs modèrent ce retour."}
        }
        fields = [
            "title",
            "initiative",
            "region",
            "managing_body",
            "context",
            "actors",
            "pooled",
            "timeline",
            "worked",
            "did_not_work",
            "tags",
            "benefits",
            "costs",
            "advice",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in (
                "context",
                "actors",
                "pooled",
                "timeline",
                "worked",
                "did_not_work",
                "benefits",
                "costs",
                "advice",
            )
        }
        help_texts = {
            "title": "Par exemple : « Un DPO partagé entre trois associations ».",
            "initiative": "L'initiative de la cartographie que ce retour raconte, s'il y en a une.",
            "region": "La région dont les acteurs relisent et publient ce retour.",
            "managing_body": "L'organisme pour lequel vous écrivez (facultatif).",
            "context": "Les organismes, leurs établissements, la situation de départ.",
            "pooled": "Achat, logiciel, infrastructure, personnel (DPO, RSSI), données…",
            "timeline": "Les grandes étapes et leur durée.",
            "costs": "Budget, financements obtenus, répartition entre partenaires.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = linkable_initiatives(user)
        self.fields["initiative"].empty_label = "Aucune"
        self.fields["region"].required = True
        self.fields["region"].empty_label = "Choisir une région"
        bodies = user.memberships.select_related("managing_body").order_by(
            "managing_body__display_name"
        )
        self.fields["managing_body"].queryset = self.fields["managing_body"].queryset.filter(
            pk__in=[m.managing_body_id for m in bodies]
        )
        self.fields["managing_body"].empty_label = "Aucun"


class AttachmentForm(DsfrBaseForm):
    file = forms.FileField(label="Document à joindre")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = (
            f"{attachments.ACCEPTED}, {attachments.max_megabytes()} Mo au plus. Il sera "
            "visible de tous les lecteurs du retour une fois celui-ci publié."
        )
        field.widget.attrs.update({"class": "fr-upload", "accept": attachments.ACCEPT})
        field.widget.group_class = "fr-upload-group"
        self["file"].help_text = field.help_text  # the bound field copied it already

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachments.check(upload)
        return upload


class QuestionForm(DsfrBaseForm):
    text = forms.CharField(
        label="Votre question à l'auteur",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="L'auteur la reçoit par e-mail ; elle sera publiée ici avec sa réponse.",
    )


class AnswerForm(DsfrBaseForm):
    text = forms.CharField(
        label="Votre réponse", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
