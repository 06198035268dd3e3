from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "mutualis.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives de mutualisation"
