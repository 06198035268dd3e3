from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from mutualis.accounts.models import (
    Invitation,
    JoinRequest,
    Membership,
    ProviderIdentity,
    ScopedRole,
    User,
)


@admin.register(User)
class MutualisUserAdmin(UserAdmin):
    list_display = ["email", "first_name", "last_name", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "password1", "password2"]})]


admin.site.register(
    Membership, list_display=["user", "managing_body", "role"], raw_id_fields=["managing_body"]
)
admin.site.register(
    Invitation,
    list_display=["email", "managing_body", "role", "accepted_at"],
    raw_id_fields=["managing_body"],
)
admin.site.register(
    JoinRequest, list_display=["user", "managing_body", "status"], raw_id_fields=["managing_body"]
)
admin.site.register(ScopedRole, list_display=["user", "role"], filter_horizontal=["regions"])
admin.site.register(
    ProviderIdentity,
    list_display=["user", "provider", "siret", "last_login_at"],
    list_filter=["provider"],
    search_fields=["user__email", "siret"],
    raw_id_fields=["user"],
)
