"""The managing-body chooser: a text input that accepts a FINESS number, a name or a commune,
enhanced into an accessible combobox (htmx asks ``directory:managing_body_choices`` for
suggestions; ``core/chooser.js`` adds the keyboard and the choice). Without JavaScript, the
typed text is resolved on submit (``choosers.resolve_managing_body``)."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy

CHOICES_URL = reverse_lazy("directory:managing_body_choices")


class ManagingBodyInput(forms.TextInput):
    """One managing body: the input itself is the combobox."""

    template_name = "directory/widgets/managing_body_input.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["choices_url"] = CHOICES_URL
        return context


class ManagingBodiesTextarea(forms.Textarea):
    """Several managing bodies, one per line; with JavaScript, a search field adds lines."""

    template_name = "directory/widgets/managing_bodies_textarea.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 4, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["choices_url"] = CHOICES_URL
        return context
