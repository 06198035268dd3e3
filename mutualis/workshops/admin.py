from django.contrib import admin

from mutualis.workshops.models import Lever, NeedsSurvey, Workshop, WorkshopRound


@admin.register(Lever)
class LeverAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(NeedsSurvey)
class NeedsSurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "scope", "region", "opens_on", "closes_on", "closed_at", "is_demo"]
    list_filter = ["scope", "is_demo"]
    filter_horizontal = ["levers"]


class WorkshopRoundInline(admin.TabularInline):
    model = WorkshopRound
    extra = 0
    can_delete = False
    readonly_fields = ["number", "levers", "results", "closed_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "code",
        "rule",
        "status",
        "round",
        "ballot_count",
        "created_at",
        "is_demo",
    ]
    list_filter = ["status", "rule", "is_demo"]
    readonly_fields = ["code", "round", "ballot_count", "results", "closed_at", "version"]
    inlines = [WorkshopRoundInline]
