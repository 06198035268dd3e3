from django import forms
from django.contrib import admin

from mutualis.agreements.models import Agreement, AgreementVersion, DocumentTemplate
from mutualis.agreements.sample import sample_document
from mutualis.core import docx


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["name", "file", "is_active"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        docx.check_template(upload, sample_document(), "de la convention")
        return upload


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ["name", "is_active", "uploaded_at"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["grappe", "status", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["grappe", "library_version"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "created_at", "context_hash"]
    readonly_fields = [f.name for f in AgreementVersion._meta.fields]
