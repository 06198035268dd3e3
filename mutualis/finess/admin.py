from django.contrib import admin

from mutualis.finess.models import Aggregate, Category, LegalStatus, Sector, TariffMode

admin.site.register(Aggregate, list_display=["code", "level", "label"], list_filter=["level"])
admin.site.register(Sector, list_display=["code", "label", "position"])
admin.site.register(
    Category,
    list_display=["code", "label", "aggregate", "domain", "sector"],
    list_filter=["domain", "sector"],
    search_fields=["code", "label"],
)
admin.site.register(LegalStatus, list_display=["code", "label"], search_fields=["label"])
admin.site.register(TariffMode, list_display=["code", "label"])
