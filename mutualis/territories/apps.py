from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "mutualis.territories"
    label = "territories"
    verbose_name = "Territoires"
