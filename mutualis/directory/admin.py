from django.contrib import admin

from mutualis.directory.models import (
    Editor,
    Establishment,
    FinessRefresh,
    Grouping,
    GroupingMember,
    ItProfile,
    ManagingBody,
    Solution,
)
from mutualis.directory.name_refresh import refresh_names


@admin.register(ManagingBody)
class ManagingBodyAdmin(admin.ModelAdmin):
    list_display = ["finess", "display_name", "departement", "establishment_count", "is_closed"]
    search_fields = ["finess", "search_name"]
    list_filter = ["is_closed", "open_to_cooperation"]
    readonly_fields = ["finess", "display_name", "establishment_count", "main_city"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_names(only=[obj.pk])  # the stored display name and search words follow


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ["finess", "name", "category", "departement", "is_closed"]
    search_fields = ["finess", "search_name"]
    list_filter = ["is_closed", "category__sector", "region"]
    raw_id_fields = ["managing_body", "commune"]
    readonly_fields = ["finess"]


class SolutionInline(admin.TabularInline):
    model = Solution
    extra = 1
    fields = ["name", "segur_status", "segur_couloir", "segur_version", "segur_checked_on"]


@admin.register(Editor)
class EditorAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    inlines = [SolutionInline]


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    """The referential of ``data/solutions.csv``, kept up to date here: a Ségur status other
    than "non vérifiée" needs the date it was checked and its source."""

    list_display = [
        "name",
        "editor",
        "segur_status",
        "segur_couloir",
        "segur_version",
        "segur_checked_on",
    ]
    list_filter = ["segur_status", "editor"]
    search_fields = ["name", "editor__name"]


@admin.register(ItProfile)
class ItProfileAdmin(admin.ModelAdmin):
    list_display = [
        "establishment",
        "dui_status",
        "solution",
        "other_solution_name",
        "hosting_mode",
        "is_demo",
    ]
    list_filter = ["dui_status", "hosting_mode", "is_demo"]
    raw_id_fields = ["establishment"]


class GroupingMemberInline(admin.TabularInline):
    model = GroupingMember
    extra = 0
    can_delete = False
    readonly_fields = ["finess", "kind", "role_code"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # replaced by each FINESS+ import


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    list_display = ["name", "finess", "source", "legal_status", "kind_code"]
    list_filter = ["source", "legal_status"]
    search_fields = ["name", "finess", "members__finess"]
    readonly_fields = ["source", "source_id", "finess", "name", "kind_code", "legal_status"]
    inlines = [GroupingMemberInline]


@admin.register(FinessRefresh)
class FinessRefreshAdmin(admin.ModelAdmin):
    list_display = ["started_at", "status", "message", "sha256"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in FinessRefresh._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
