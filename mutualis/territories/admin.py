from django.contrib import admin

from mutualis.territories.models import Commune, Departement, Region

admin.site.register(Region, list_display=["code", "name", "zone"])
admin.site.register(Departement, list_display=["code", "name", "region"])
admin.site.register(
    Commune, list_display=["code", "name", "departement"], search_fields=["code", "name"]
)
