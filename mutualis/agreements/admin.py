from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from jinja2.sandbox import SecurityError

from mutualis.agreements import documents
from mutualis.agreements.models import Agreement, AgreementVersion, DocumentTemplate
from mutualis.agreements.sample import sample_document


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["name", "file", "is_active"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MUTUALIS["DOCUMENT_TEMPLATE_MAX_MB"]
        if upload.size > limit * 1024 * 1024:
            raise ValidationError(f"Le modèle dépasse {limit} Mo.")
        try:
            documents.render_docx(sample_document(), upload)
        except SecurityError as error:
            raise ValidationError(
                "Ce modèle est refusé : une de ses balises {{ … }} ou {% … %} tente d'accéder "
                "au fonctionnement interne de l'application. Utilisez uniquement les champs "
                "de la convention."
            ) from error
        except Exception as error:  # any failure means an unusable template
            raise ValidationError(
                f"Ce modèle ne peut pas être rempli ({error}) : vérifiez le fichier DOCX et "
                "ses balises {{ … }} et {% … %}."
            ) from error
        upload.seek(0)
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
