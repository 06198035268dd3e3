from django.contrib import admin

from mutualis.projects.models import (
    Decision,
    Meeting,
    Milestone,
    Project,
    ReminderLog,
    Risk,
    Tranche,
    UsageIndicator,
    UsageTarget,
    UsageValue,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["title", "planned_date", "actual_date", "responsible"]
    raw_id_fields = ["responsible"]


class TrancheInline(admin.TabularInline):
    model = Tranche
    extra = 0
    fields = [
        "position",
        "label",
        "expected_amount",
        "expected_date",
        "received_date",
        "received_amount",
    ]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["grappe", "opened_on"]
    search_fields = ["grappe__name"]
    raw_id_fields = ["grappe", "opened_by"]
    inlines = [MilestoneInline, TrancheInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["project", "date", "mode", "host"]
    raw_id_fields = ["project", "host"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "likelihood", "impact", "status"]
    list_filter = ["status"]
    raw_id_fields = ["project", "owner"]


@admin.register(UsageTarget)
class UsageTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "establishment", "target_value", "actual_value", "unit"]
    raw_id_fields = ["project", "establishment"]


@admin.register(UsageIndicator)
class UsageIndicatorAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "unit", "periodicity", "reliability", "version", "active"]
    list_filter = ["active", "periodicity"]


@admin.register(UsageValue)
class UsageValueAdmin(admin.ModelAdmin):
    list_display = ["target", "period", "value", "recorded_by", "recorded_at"]
    raw_id_fields = ["target", "recorded_by"]
    readonly_fields = ["proof_file", "proof_type", "proof_name"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "project", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["project", "meeting", "owner"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["project", "sent_on", "recipients"]
    raw_id_fields = ["project"]
