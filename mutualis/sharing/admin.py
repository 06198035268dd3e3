from django.contrib import admin

from mutualis.sharing.models import Listing, SharingRequest, Skill, Vehicle


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ("label", "legal_basis", "position")
    ordering = ("position",)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "position")
    list_filter = ("kind",)
    ordering = ("position",)


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("title", "direction", "skill", "managing_body", "status", "ends_on")
    list_filter = ("direction", "status", "visibility", "skill")
    raw_id_fields = ("managing_body", "establishment", "grappe", "created_by")
    search_fields = ("title",)


@admin.register(SharingRequest)
class SharingRequestAdmin(admin.ModelAdmin):
    list_display = ("listing", "requester", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("listing", "requester", "requester_listing", "created_by")
