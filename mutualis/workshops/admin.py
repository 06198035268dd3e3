from django import forms
from django.contrib import admin

from mutualis.workshops.models import (
    Lever,
    NeedsSurvey,
    SurveyContact,
    Workshop,
    WorkshopRound,
)
from mutualis.workshops.survey_forms import ONCE_ONLY_CHOICES


@admin.register(Lever)
class LeverAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "position", "is_active"]
    list_editable = ["position", "is_active"]


class NeedsSurveyAdminForm(forms.ModelForm):
    unique_levels = forms.TypedMultipleChoiceField(
        label="Priorités à n'attribuer qu'à un seul levier",
        choices=ONCE_ONLY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NeedsSurvey
        fields = [
            "title",
            "introduction",
            "scope",
            "region",
            "opens_on",
            "closes_on",
            "closed_at",
            "levers",
            "unique_levels",
            "is_demo",
        ]


@admin.register(NeedsSurvey)
class NeedsSurveyAdmin(admin.ModelAdmin):
    form = NeedsSurveyAdminForm
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


@admin.register(SurveyContact)
class SurveyContactAdmin(admin.ModelAdmin):
    list_display = [
        "survey",
        "managing_body",
        "invited_at",
        "recipients",
        "reminded_at",
        "reminders",
    ]
    list_filter = ["survey"]
    raw_id_fields = ["managing_body", "invited_by"]
    readonly_fields = ["invited_at", "recipients", "reminded_at", "reminders"]


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
