"""Upload of a new version of the requirements library: the file is read and previewed, then
loaded only once a national administrator confirms."""

from __future__ import annotations

import re

from django import forms
from dsfr.forms import DsfrBaseForm

MAX_SIZE = 1024 * 1024  # bytes: the 2026.1 file holds 40 requirements in 10 kB
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.-]{0,19}")
VERSION_ERRORS = {"invalid": "Lettres, chiffres, points et tirets seulement (ex. : 2027.1)."}


class LibraryDetailsForm(DsfrBaseForm):
    version = forms.RegexField(
        label="Numéro de version",
        regex=rf"^{VERSION.pattern}$",
        help_text="Ex. : 2027.1 (lettres, chiffres, points et tirets).",
        error_messages=VERSION_ERRORS,
    )
    title = forms.CharField(label="Titre", max_length=200)
    source = forms.CharField(
        label="Source et licence", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    make_current = forms.BooleanField(
        label="La proposer aux nouveaux cahiers des charges", required=False, initial=True
    )

    def clean_version(self):
        version = self.cleaned_data["version"]
        if version.lower().endswith(".csv"):
            raise forms.ValidationError("Un numéro de version ne finit pas par « .csv ».")
        return version


class LibraryUploadForm(LibraryDetailsForm):
    file = forms.FileField(
        label="Fichier CSV des exigences",
        help_text="UTF-8, séparateur virgule, 9 colonnes (format ci-dessous), 1 Mo au plus.",
    )

    field_order = ["file", "version", "title", "source", "make_current"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Le fichier doit être un CSV (.csv).")
        if upload.size > MAX_SIZE:
            raise forms.ValidationError("Le fichier dépasse 1 Mo.")
        try:
            return upload.read(MAX_SIZE + 1).decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("Le fichier doit être encodé en UTF-8.") from error


class LibraryConfirmForm(LibraryDetailsForm):
    """The previewed file's text travels back in a hidden field, read again before loading."""

    content = forms.CharField(widget=forms.HiddenInput, max_length=MAX_SIZE, strip=False)
