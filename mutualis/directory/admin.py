from django.contrib import admin

from mutualis.directory.models import Editor, Establishment, ItProfile, ManagingBody, Solution
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


@admin.register(Editor)
class EditorAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    inlines = [SolutionInline]


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    list_display = ["name", "editor", "segur_referenced", "segur_couloir", "segur_version"]
    list_filter = ["segur_referenced", "editor"]


@admin.register(ItProfile)
class ItProfileAdmin(admin.ModelAdmin):
    list_display = ["establishment", "dui_status", "solution", "hosting_mode", "is_demo"]
    list_filter = ["dui_status", "hosting_mode", "is_demo"]
    raw_id_fields = ["establishment"]
