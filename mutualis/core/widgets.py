"""DSFR radio buttons and checkboxes: Django's own option templates win over django-dsfr's
("django.forms" is installed first). The class names are Django's, which django-dsfr reads
to render the field as a fieldset."""

from django import forms
from dsfr import widgets

OPTION = "core/widgets/{}_option.html"


class RadioSelect(forms.RadioSelect):
    option_template_name = OPTION.format("radio")


class InlineRadioSelect(widgets.InlineRadioSelect):
    option_template_name = OPTION.format("radio")


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """``attrs={"small": True}`` for the small DSFR checkboxes (facets)."""

    option_template_name = OPTION.format("checkbox")
