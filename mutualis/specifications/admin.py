from django import forms
from django.contrib import admin

from mutualis.core import docx
from mutualis.specifications.document import sample_document
from mutualis.specifications.models import (
    Criterion,
    Item,
    Offer,
    Requirement,
    RequirementLibrary,
    Specification,
    SpecificationTemplate,
)


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = ("position", "code", "domain_label", "label", "reliability", "source")
    readonly_fields = fields
    can_delete = False


@admin.register(RequirementLibrary)
class RequirementLibraryAdmin(admin.ModelAdmin):
    """A loaded version is never edited (specifications keep it): read only."""

    list_display = ("version", "title", "is_current", "loaded_at")
    readonly_fields = ("version", "title", "source", "is_current", "loaded_at", "loaded_by")
    inlines = [RequirementInline]

    def has_add_permission(self, request):
        return False


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0
    fields = ("code", "label", "importance", "arbitration_reason")
    raw_id_fields = ("requirement", "proposed_by", "arbitrated_by")


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Specification)
class SpecificationAdmin(admin.ModelAdmin):
    list_display = ("title", "grappe", "status", "published_at", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "grappe__name")
    raw_id_fields = ("grappe", "chosen_offer", "decided_by", "report", "created_by")
    inlines = [CriterionInline, ItemInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ("vendor", "solution", "specification", "received_on")
    raw_id_fields = ("specification",)


class SpecificationTemplateForm(forms.ModelForm):
    class Meta:
        model = SpecificationTemplate
        fields = ["name", "file", "is_active"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        docx.check_template(upload, sample_document(), "du cahier des charges")
        return upload


@admin.register(SpecificationTemplate)
class SpecificationTemplateAdmin(admin.ModelAdmin):
    """Administrators upload an edited copy of data/cahier-des-charges-*.docx; the latest
    active one fills the next generated versions."""

    form = SpecificationTemplateForm
    list_display = ["name", "is_active", "uploaded_at"]
