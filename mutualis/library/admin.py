from django.contrib import admin

from mutualis.library import search
from mutualis.library.models import Attachment, CooperationTag, ExperienceReport, Question


@admin.register(CooperationTag)
class CooperationTagAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "kind", "group", "position"]
    list_filter = ["kind", "group"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ExperienceReport)
class ExperienceReportAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "region", "author", "is_demo", "updated_at"]
    list_filter = ["state", "is_demo", "region"]
    search_fields = ["title"]
    raw_id_fields = ["initiative", "author", "managing_body", "moderated_by"]
    inlines = [AttachmentInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.index(form.instance)  # the text may have changed: keep the index in step

    def delete_model(self, request, obj):
        search.unindex(obj.pk)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            search.unindex(pk)
        super().delete_queryset(request, queryset)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "report", "asked_at", "answered_at"]
    raw_id_fields = ["report", "asked_by"]
