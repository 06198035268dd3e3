from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mutualis.core"
    label = "core"
    verbose_name = "Socle"
