from django.contrib import admin

from mutualis.initiatives.models import Initiative, InitiativeType, SiDomain


@admin.register(InitiativeType)
class InitiativeTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position", "reliability"]


@admin.register(SiDomain)
class SiDomainAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "region", "moderation", "updated_at"]
    list_filter = ["moderation", "type", "region"]
    search_fields = ["title"]
    raw_id_fields = ["managing_bodies", "establishments"]
