from django.contrib import admin

from mutualis.actionplans.models import Action, ActionPlan, ActionUpdate, Comment, ReminderLog


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["lever_code", "title", "owner_kind", "owner_label", "due_on", "status", "progress"]
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "opened_on", "horizon_on", "published_at", "is_demo"]
    list_filter = ["region", "is_demo"]
    search_fields = ["title"]
    raw_id_fields = ["workshop", "survey", "previous", "facilitator"]
    inlines = [ActionInline]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "lever_code", "owner_kind", "due_on", "status", "progress"]
    list_filter = ["status", "owner_kind"]
    search_fields = ["title"]
    raw_id_fields = ["plan", "owner_body", "copied_from", "initiatives", "reports", "grappes"]
    inlines = [ActionUpdateInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["action", "author", "created_at", "hidden_at"]
    raw_id_fields = ["action", "author"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["action", "kind", "sent_on", "recipients"]
