from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "mutualis.portal"
    label = "portal"
    verbose_name = "Accueil"
