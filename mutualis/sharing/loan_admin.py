"""Admin of conventions de mise à disposition (imported by sharing/admin.py)."""

from django.contrib import admin

from mutualis.sharing.loan_models import DaysUsed, Loan, LoanDocument, LoanSignature


class LoanSignatureInline(admin.TabularInline):
    model = LoanSignature
    extra = 0
    raw_id_fields = ("managing_body", "signed_by")


class DaysUsedInline(admin.TabularInline):
    model = DaysUsed
    extra = 0
    raw_id_fields = ("recorded_by",)


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ("skill", "provider", "beneficiary", "status", "version", "starts_on", "ends_on")
    list_filter = ("status", "cost_method", "vehicle", "is_demo")
    raw_id_fields = ("request", "provider", "beneficiary", "created_by")
    inlines = [LoanSignatureInline, DaysUsedInline]


@admin.register(LoanDocument)
class LoanDocumentAdmin(admin.ModelAdmin):
    list_display = ("loan", "version", "kind", "signed", "created_at")
    list_filter = ("kind", "signed")
    raw_id_fields = ("loan", "created_by")
    readonly_fields = ("context", "context_hash")
