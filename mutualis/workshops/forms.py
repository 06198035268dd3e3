"""Forms of the workshop sessions: creation, levers, joining, ballots, cards."""

from __future__ import annotations

import re

from django import forms
from dsfr.forms import DsfrBaseForm

from mutualis.core import widgets as dsfr_widgets
from mutualis.workshops import codes, voting
from mutualis.workshops.models import Card, Lever, Workshop

MAX_LEVERS = 26
LEVER_LINE = re.compile(r"^\s*([A-Za-z0-9]{1,3})\s*[.)\-–:]\s+(.+)$")


def default_levers_text() -> str:
    return "\n".join(
        f"{lever.code}. {lever.label}" for lever in Lever.objects.filter(is_active=True)
    )


def parse_levers(text: str) -> list[tuple[str, str]]:
    """One lever per line, "A. label" (a code of 1 to 3 letters or digits); lines without a
    code are lettered in order."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    levers: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        match = LEVER_LINE.match(line)
        code, label = (match[1].upper(), match[2].strip()) if match else (None, line)
        levers.append((code or _letter(index), label[:300]))
    return levers


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


class LeversField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 8})

    def clean(self, value):
        levers = parse_levers(super().clean(value))
        if len(levers) > MAX_LEVERS:
            raise forms.ValidationError(f"Au plus {MAX_LEVERS} leviers.")
        if len({code for code, _ in levers}) < len(levers):
            raise forms.ValidationError("Deux leviers portent le même code.")
        return levers


LEVERS_HELP = (
    "Un levier par ligne, précédé de son code : « A. Rester flexibles… ». Par défaut, les "
    "leviers A à G de l'atelier du 14 octobre 2022."
)


class WorkshopForm(DsfrBaseForm):
    title = forms.CharField(label="Titre de la session", max_length=200)
    event = forms.CharField(label="Événement, lieu", max_length=200, required=False)
    held_on = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    rule = forms.ChoiceField(
        label="Règle de vote", choices=Workshop.Rule.choices, widget=dsfr_widgets.RadioSelect
    )
    dots = forms.IntegerField(
        label="Gommettes par participant",
        min_value=1,
        max_value=30,
        initial=6,
        help_text="Pour la règle des gommettes cumulables.",
    )
    levers = LeversField(label="Leviers", help_text=LEVERS_HELP)

    def clean(self):
        data = super().clean()
        if "rule" in data and "levers" in data:
            problem = voting.rule_for(data["rule"], data.get("dots") or 6).feasible(
                len(data["levers"])
            )
            if problem:
                self.add_error("levers", problem)
        return data


class LeversForm(DsfrBaseForm):
    levers = LeversField(label="Leviers de la session", help_text=LEVERS_HELP)


class JoinForm(DsfrBaseForm):
    code = forms.CharField(
        label="Code de la session",
        max_length=12,
        help_text="6 caractères, affichés par l'animateur.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = codes.normalize(self.cleaned_data["code"])
        if not codes.is_valid(code):
            raise forms.ValidationError("Ce code n'a pas le bon format : 6 caractères.")
        return code


class NameForm(DsfrBaseForm):
    display_name = forms.CharField(
        label="Votre prénom ou un pseudonyme",
        max_length=60,
        required=False,
        help_text="Affiché à l'animateur ; vous pouvez le laisser vide.",
    )


class BallotForm(DsfrBaseForm):
    """The ballot of a session's rule; the rule itself is checked by the vote service."""

    def __init__(self, *args, rule: voting.VotingRule, levers, marks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule
        self.levers = [(lever.code, f"{lever.code}. {lever.label}") for lever in levers]
        marks = marks or {}
        if isinstance(rule, voting.RankedStickers):
            for choice in rule.choices:
                self.fields[f"rang-{choice.points}"] = forms.ChoiceField(
                    label=choice.label,
                    choices=[("", "Choisir un levier"), *self.levers],
                    error_messages={"required": "Choisissez un levier."},
                    initial=next((c for c, p in marks.items() if p == choice.points), ""),
                )
        elif isinstance(rule, voting.StackableDots):
            for code, label in self.levers:
                self.fields[f"gommettes-{code}"] = forms.IntegerField(
                    label=label, min_value=0, max_value=rule.dots, initial=marks.get(code, 0)
                )
        else:
            self.fields["approuve"] = forms.MultipleChoiceField(
                label="Leviers approuvés",
                choices=self.levers,
                error_messages={"required": "Approuvez au moins un levier."},
                widget=dsfr_widgets.CheckboxSelectMultiple,
                initial=list(marks),
            )

    def placements(self) -> list[voting.Placement]:
        data = self.cleaned_data
        if isinstance(self.rule, voting.RankedStickers):
            return [
                (data[f"rang-{c.points}"], c.points)
                for c in self.rule.choices
                if data.get(f"rang-{c.points}")
            ]
        if isinstance(self.rule, voting.StackableDots):
            return [(code, data[f"gommettes-{code}"] or 0) for code, _ in self.levers]
        return [(code, 1) for code in data["approuve"]]


class CardForm(DsfrBaseForm):
    question = forms.ChoiceField(
        label="Question", choices=Card.Question.choices, widget=dsfr_widgets.RadioSelect
    )
    text = forms.CharField(
        label="Votre carte", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class GroupForm(forms.Form):
    group = forms.CharField(label="Regroupement", max_length=80, required=False)


class RoundChoiceForm(forms.Form):
    """The round asked for in a board's or an export's address (``?tour=2``)."""

    tour = forms.IntegerField(min_value=1, max_value=999, required=False)


def asked_round(query) -> int | None:
    form = RoundChoiceForm(query)
    return form.cleaned_data["tour"] if form.is_valid() else None


class NewRoundForm(DsfrBaseForm):
    ALL, TOP = "tous", "premiers"
    scope = forms.ChoiceField(
        label="Leviers soumis au nouveau tour",
        choices=[(ALL, "Tous les leviers"), (TOP, "Les premiers du classement du tour clos")],
        initial=ALL,
        widget=dsfr_widgets.RadioSelect,
    )
    top = forms.IntegerField(
        label="Nombre de leviers retenus",
        min_value=2,
        max_value=MAX_LEVERS,
        initial=3,
        required=False,
        help_text="Pour « les premiers du classement » ; les ex æquo au dernier rang sont retenus.",
    )

    def clean(self):
        data = super().clean()
        if data.get("scope") == self.TOP and not data.get("top"):
            self.add_error("top", "Indiquez le nombre de leviers retenus.")
        return data

    def chosen_top(self) -> int | None:
        data = self.cleaned_data
        return data["top"] if data["scope"] == self.TOP else None
