"""Form fields that choose managing bodies by FINESS number, name or commune, the same way
in every form (grappe invitations, initiative members, directory filters)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from mutualis.directory.filters import search_managing_bodies_in
from mutualis.directory.models import ManagingBody
from mutualis.directory.names import finess_number
from mutualis.directory.widgets import ManagingBodiesTextarea, ManagingBodyInput

SUGGESTIONS_IN_ERROR = 3
QUERY_MAX_LENGTH = 200
# One query per line: a bounded list, each line a bounded search.
BODIES_MAX_LINES = 500


def resolve_managing_body(text: str, queryset: QuerySet[ManagingBody]) -> ManagingBody:
    """The one managing body that ``text`` designates, or a French ValidationError saying
    why not (none, or several: the first ones are named so the user can pick)."""
    text = text.strip()
    number = finess_number(text)
    if number:
        body = queryset.filter(finess=number).first()
        if body is None:
            raise forms.ValidationError(
                f"Aucun organisme gestionnaire avec le n° FINESS juridique {number}."
            )
        return body
    found = list(search_managing_bodies_in(queryset, text)[: SUGGESTIONS_IN_ERROR + 1])
    if not found:
        raise forms.ValidationError(
            f"Aucun organisme gestionnaire ne correspond à « {text} » : essayez son "
            "n° FINESS juridique, un autre mot de son nom ou sa commune."
        )
    if len(found) > 1:
        named = " ; ".join(b.display_name_with_finess for b in found[:SUGGESTIONS_IN_ERROR])
        more = " ; …" if len(found) > SUGGESTIONS_IN_ERROR else ""
        raise forms.ValidationError(
            f"Plusieurs organismes correspondent à « {text} » ({named}{more}) : choisissez-en "
            "un dans les propositions ou indiquez son n° FINESS juridique."
        )
    return found[0]


class ManagingBodyField(forms.CharField):
    """One open managing body; cleaned to a ManagingBody (None when optional and empty)."""

    widget = ManagingBodyInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", QUERY_MAX_LENGTH)
        super().__init__(**kwargs)

    def clean(self, value) -> ManagingBody | None:
        text = super().clean(value)
        if not text:
            return None
        return resolve_managing_body(text, ManagingBody.objects.filter(is_closed=False))


class ManagingBodiesField(forms.CharField):
    """Several managing bodies, closed ones included (one per line; FINESS numbers may also
    be separated by commas); every line that designates none or several is reported with
    its number."""

    widget = ManagingBodiesTextarea

    def clean(self, value) -> list[ManagingBody]:
        text = super().clean(value) or ""
        queryset = ManagingBody.objects.all()
        bodies: dict[int, ManagingBody] = {}
        errors = []
        lines = text.splitlines()
        if len(lines) > BODIES_MAX_LINES:
            raise forms.ValidationError(
                f"Indiquez au plus {BODIES_MAX_LINES} organismes (un par ligne) ; "
                f"il y a ici {len(lines)} lignes."
            )
        for number, line in enumerate(lines, start=1):
            for item in _items(line):
                if len(item) > QUERY_MAX_LENGTH:
                    errors.append(
                        f"Ligne {number} : au plus {QUERY_MAX_LENGTH} caractères par organisme "
                        "(son n° FINESS juridique, son nom ou sa commune)."
                    )
                    continue
                try:
                    body = resolve_managing_body(item, queryset)
                except forms.ValidationError as error:
                    errors.append(f"Ligne {number} : {error.messages[0]}")
                else:
                    bodies.setdefault(body.pk, body)
        if errors:
            raise forms.ValidationError(errors)
        return list(bodies.values())

    @staticmethod
    def lines(bodies) -> str:
        """The initial text of the field: one "number — name" line per body."""
        return "\n".join(f"{b.finess} — {b.display_name}" for b in bodies)


def _items(line: str) -> list[str]:
    """A line holds one query, or several FINESS numbers separated by commas."""
    parts = [part.strip() for part in line.split(",") if part.strip()]
    if len(parts) > 1 and all(finess_number(part) for part in parts):
        return parts
    return [line.strip()] if line.strip() else []
